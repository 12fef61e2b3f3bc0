import { type FileLock, goErrorText, lockFile, type Netns, openNetns } from '@cni-ts/plugin-kit';
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

/**
 * The lock upstream's sbr takes to serialise its runs on one container: flock(2) on the
 * namespace file itself, so that ours and the Go plugin exclude each other. Taken after
 * the namespace was opened (upstream creates a missing path as a regular file; this never
 * runs on a missing one).
 */
export function lockNetnsFile(path: string): FileLock {
  return lockFile(path, { existing: true });
}
