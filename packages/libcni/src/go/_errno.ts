// Go prints system errors with the C library's strerror texts; Node prefixes its own codes.

const TEXTS: Readonly<Record<string, string>> = {
  E2BIG: 'argument list too long',
  EACCES: 'permission denied',
  EAGAIN: 'resource temporarily unavailable',
  EEXIST: 'file exists',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOEXEC: 'exec format error',
  ENOMEM: 'cannot allocate memory',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'not a directory',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ETXTBSY: 'text file busy',
};

/** The `code` of a Node/Bun system error (`ENOENT`, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The text Go would print for a system error: strerror for known codes, else the message. */
export function errnoText(error: unknown): string {
  const code = errorCode(error);
  const text = code === undefined ? undefined : TEXTS[code];
  if (text !== undefined) return text;
  return error instanceof Error ? error.message : String(error);
}

/** Go's `*PathError` text: `<op> <path>: <strerror>`. */
export function pathErrorText(op: string, path: string, error: unknown): string {
  return `${op} ${path}: ${errnoText(error)}`;
}
