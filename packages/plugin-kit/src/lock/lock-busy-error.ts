/** A lock that another holder has, when the caller asked not to wait (flock LOCK_NB). */
export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  readonly path: string;
  /** The errno name flock(2) gave: 'EAGAIN' (also known as EWOULDBLOCK). */
  readonly code = 'EAGAIN';

  constructor(path: string, options?: { cause?: unknown }) {
    super(`${path} is locked by another holder`, options);
    this.path = path;
  }
}

export function isLockBusyError(error: unknown): error is LockBusyError {
  return error instanceof LockBusyError;
}
