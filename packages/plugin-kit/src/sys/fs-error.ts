import { errnoDescription } from './errno.ts';
import { isSyscallError, SyscallError } from './syscall-error.ts';

/**
 * A failed file operation of fs-sync.ts, shaped as Node's: `.code` the errno name
 * (`ENOENT`), `.syscall`, `.path` (and `.dest` for rename and link), and Node's message
 * (`ENOENT: no such file or directory, open '/x'`), so that callers written for node:fs
 * keep working. It is a SyscallError too.
 */
export class FsError extends SyscallError {
  readonly path: string;
  readonly dest: string | undefined;

  constructor(syscall: string, errno: number, path: string, dest?: string) {
    super(syscall, errno, dest === undefined ? path : `${path} ${dest}`);
    this.path = path;
    this.dest = dest;
    const target = dest === undefined ? `'${path}'` : `'${path}' -> '${dest}'`;
    this.message = `${this.code}: ${errnoDescription(errno)}, ${syscall} ${target}`;
  }
}

export function isFsError(error: unknown): error is FsError {
  return error instanceof FsError;
}

/** Runs one libc call on `path`, turning its SyscallError into an FsError. */
export function onPath<T>(syscall: string, path: string, fn: () => T, dest?: string): T {
  try {
    return fn();
  } catch (error) {
    if (isSyscallError(error)) throw new FsError(syscall, error.errno, path, dest);
    throw error;
  }
}
