import { type FileLock, lockFile } from '@cni-ts/plugin-kit';

/**
 * The lock upstream's sbr takes to serialise its runs on one container: flock(2) on the
 * namespace file itself, so that ours and the Go plugin exclude each other. Taken after
 * the namespace was opened (upstream creates a missing path as a regular file; this never
 * runs on a missing one).
 */
export function lockNetnsFile(path: string): FileLock {
  return lockFile(path, { existing: true });
}
