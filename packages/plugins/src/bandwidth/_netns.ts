import { goErrorText, type Netns, openNetns } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/** Opens CNI_NETNS, failing as upstream does: `failed to open netns "<path>": …` (code 999). */
export function openContainerNetns(path: string): Netns {
  try {
    return openNetns(path);
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `failed to open netns ${JSON.stringify(path)}: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}
