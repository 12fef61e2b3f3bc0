import { isNetnsError, type Netns, openNetns } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/** Opens CNI_NETNS, failing with upstream's words: `failed to open netns "<path>": <why>`. */
export function openContainerNetns(path: string): Netns {
  try {
    return openNetns(path);
  } catch (error) {
    if (!isNetnsError(error)) throw error;
    throw new CniError(
      CniErrorCode.Internal,
      `failed to open netns ${JSON.stringify(path)}: ${error.message}`,
      { cause: error },
    );
  }
}
