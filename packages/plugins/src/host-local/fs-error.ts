import { errnoDescription, errnoNumber, isSyscallError } from '@cni-ts/plugin-kit';

interface ErrnoException extends Error {
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
}

function isErrnoException(error: unknown): error is ErrnoException {
  return error instanceof Error && typeof (error as ErrnoException).code === 'string';
}

/** The errno name of a failed file operation (`ENOENT`), or undefined for other errors. */
export function fsErrorCode(error: unknown): string | undefined {
  if (isSyscallError(error)) return error.code;
  return isErrnoException(error) ? error.code : undefined;
}

/**
 * A failed file operation in Go's words (`open /x/lock: permission denied`), which is what
 * upstream's messages carry. Errors that are not errno failures give their own message.
 */
export function goPathErrorText(error: unknown, fallbackPath = ''): string {
  const code = fsErrorCode(error);
  const errno = code === undefined ? undefined : errnoNumber(code);
  if (errno === undefined || !(error instanceof Error)) {
    return error instanceof Error ? error.message : String(error);
  }
  const syscall = isSyscallError(error) ? error.syscall : ((error as ErrnoException).syscall ?? '');
  const path = isSyscallError(error)
    ? fallbackPath
    : ((error as ErrnoException).path ?? fallbackPath);
  return `${syscall} ${path}: ${errnoDescription(errno)}`;
}
