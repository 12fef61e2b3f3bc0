import { errnoName } from './errno.ts';

/** A failed libc call: which call, the errno number and its kernel name. */
export class SyscallError extends Error {
  override readonly name = 'SyscallError';
  readonly syscall: string;
  readonly errno: number;
  /** The errno name, e.g. 'ENOENT'. */
  readonly code: string;

  constructor(syscall: string, errno: number, detail?: string) {
    const code = errnoName(errno);
    super(`${syscall}${detail === undefined ? '' : ` ${detail}`}: ${code} (errno ${errno})`);
    this.syscall = syscall;
    this.errno = errno;
    this.code = code;
  }
}

export function isSyscallError(error: unknown): error is SyscallError {
  return error instanceof SyscallError;
}
