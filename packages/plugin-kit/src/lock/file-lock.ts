// Advisory whole-file locks with flock(2), as upstream host-local takes on
// `<dataDir>/<network>/lock`. flock locks belong to the open file description, so two
// opens conflict even in one process, and the kernel drops the lock when the descriptor
// is closed or the process ends.
//
// A waiting lock blocks the whole JavaScript thread (nothing else runs meanwhile, no
// timers, no promises). That suits a CNI plugin, which does one operation per process.
import {
  close,
  flock,
  LOCK_EX,
  LOCK_NB,
  LOCK_SH,
  LOCK_UN,
  O_CLOEXEC,
  O_CREAT,
  O_RDONLY,
  O_RDWR,
  open,
} from '../sys/libc.ts';
import { isSyscallError } from '../sys/syscall-error.ts';
import { LockBusyError } from './lock-busy-error.ts';

export interface FileLockOptions {
  /** A shared (read) lock instead of an exclusive one. Default false. */
  readonly shared?: boolean;
  /**
   * Wait for the lock (default true; blocks the JavaScript thread). With false, a held
   * lock throws LockBusyError at once.
   */
  readonly wait?: boolean;
  /**
   * Permission bits when the file is created (umask applies). Default 0o600. Upstream
   * host-local's lock file (go-filemutex) is created 0o750: pass that to match its store.
   */
  readonly mode?: number;
  /**
   * Lock an existing file, opened read-only and never created (ENOENT when it is missing),
   * for files that cannot be opened for writing, such as a network namespace file that
   * upstream's sbr locks (go-filemutex opens O_RDONLY). Default false.
   */
  readonly existing?: boolean;
}

/** A held lock. release() (or `using`) unlocks and closes; calling it again does nothing. */
export interface FileLock {
  readonly path: string;
  readonly fd: number;
  readonly shared: boolean;
  release(): void;
  [Symbol.dispose](): void;
}

function acquire(fd: number, operation: number): void {
  for (;;) {
    try {
      flock(fd, operation);
      return;
    } catch (error) {
      // A signal handler interrupted the wait: wait again.
      if (!(isSyscallError(error) && error.code === 'EINTR')) throw error;
    }
  }
}

/**
 * Opens (creating if needed) `path` with O_RDWR|O_CREAT and takes a flock(2) lock on it:
 * exclusive unless `shared`. Waits while another holder has a conflicting lock unless
 * `wait: false`, which throws LockBusyError instead. Errors opening the file are
 * SyscallErrors (e.g. ENOENT when the directory is missing).
 */
export function lockFile(path: string, options: FileLockOptions = {}): FileLock {
  const shared = options.shared ?? false;
  const flags = options.existing === true ? O_RDONLY | O_CLOEXEC : O_RDWR | O_CREAT | O_CLOEXEC;
  const fd = open(path, flags, options.mode ?? 0o600);
  try {
    const operation = (shared ? LOCK_SH : LOCK_EX) | (options.wait === false ? LOCK_NB : 0);
    try {
      acquire(fd, operation);
    } catch (error) {
      if (isSyscallError(error) && error.code === 'EAGAIN') {
        throw new LockBusyError(path, { cause: error });
      }
      throw error;
    }
  } catch (error) {
    close(fd);
    throw error;
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    try {
      flock(fd, LOCK_UN);
    } finally {
      close(fd);
    }
  };
  return { path, fd, shared, release, [Symbol.dispose]: release };
}

/** Like lockFile without waiting: the lock, or null when another holder has it. */
export function tryLockFile(
  path: string,
  options: Omit<FileLockOptions, 'wait'> = {},
): FileLock | null {
  try {
    return lockFile(path, { ...options, wait: false });
  } catch (error) {
    if (error instanceof LockBusyError) return null;
    throw error;
  }
}
