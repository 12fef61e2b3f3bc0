import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { goErrorText } from '../ip/_go-format.ts';
import { type Netns, openNetns } from './netns.ts';

/**
 * Opens CNI_NETNS for a plugin's ADD or CHECK, failing as upstream's plugins do:
 * `failed to open netns "<path>": <why>` (code 999), the cause kept.
 */
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
