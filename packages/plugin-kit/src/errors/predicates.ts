// Questions callers ask about an error, so that nobody matches message text
// (vishvananda/netlink#990) or needs instanceof chains. Each predicate also looks through
// `cause`, so an error a helper wrapped still answers.
import { DumpInterruptedError } from '../netlink/socket/dump-interrupted-error.ts';
import { NetlinkError } from '../netlink/socket/netlink-error.ts';
import { NetnsError } from '../netns/netns-error.ts';
import { errnoName, errnoNumber } from '../sys/errno.ts';
import { SyscallError } from '../sys/syscall-error.ts';

const MAX_CAUSES = 16;

/** The error and the errors in its `cause` chain, outermost first (cycles cut). */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  let current = error;
  while (
    current !== undefined &&
    current !== null &&
    seen.length < MAX_CAUSES &&
    !seen.includes(current)
  ) {
    seen.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return seen;
}

/** The errno of one error (not its causes): netlink, libc, or a Node system error's code. */
function ownErrno(error: unknown): number | undefined {
  if (error instanceof NetlinkError || error instanceof SyscallError) return error.errno;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    // Node's fs and child_process errors: code 'ENOENT' (their errno field is libuv's, negative).
    return /^E[A-Z0-9]+$/.test(error.code) ? errnoNumber(error.code) : undefined;
  }
  return undefined;
}

/**
 * The errno behind an error, looking through `cause`: NetlinkError and SyscallError carry
 * one, as do Node system errors (by their code). Undefined when there is none.
 */
export function errnoOf(error: unknown): number | undefined {
  for (const link of chain(error)) {
    const errno = ownErrno(link);
    if (errno !== undefined) return errno;
  }
  return undefined;
}

/** The errno name behind an error, e.g. 'EEXIST', looking through `cause`. */
export function errnoCodeOf(error: unknown): string | undefined {
  const errno = errnoOf(error);
  return errno === undefined ? undefined : errnoName(errno);
}

function hasErrno(error: unknown, names: readonly string[]): boolean {
  const code = errnoCodeOf(error);
  return code !== undefined && names.includes(code);
}

function some(error: unknown, test: (link: unknown) => boolean): boolean {
  return chain(error).some(test);
}

/**
 * Something named does not exist: ENOENT, ENODEV (no such link), ESRCH (no such route or
 * rule), EADDRNOTAVAIL (no such address), ENXIO; or a namespace path that is missing.
 * DEL treats these as success.
 */
export function isNotFound(error: unknown): boolean {
  return (
    hasErrno(error, ['ENOENT', 'ENODEV', 'ESRCH', 'EADDRNOTAVAIL', 'ENXIO']) ||
    some(error, (link) => link instanceof NetnsError && link.reason === 'not-found')
  );
}

/** The object already exists (EEXIST), e.g. a link name or address taken. */
export function isExists(error: unknown): boolean {
  return hasErrno(error, ['EEXIST']);
}

/** The object is in use (EBUSY). */
export function isBusy(error: unknown): boolean {
  return hasErrno(error, ['EBUSY']);
}

/**
 * The kernel cannot do this: EOPNOTSUPP (also ENOTSUP), EAFNOSUPPORT, EPROTONOSUPPORT, or a
 * link kind whose module is missing (extended ack "Unknown device type").
 */
export function isNotSupported(error: unknown): boolean {
  return (
    hasErrno(error, ['EOPNOTSUPP', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']) ||
    some(
      error,
      (link) =>
        link instanceof NetlinkError &&
        link.extack?.message?.startsWith('Unknown device type') === true,
    )
  );
}

/** Not allowed (EPERM, EACCES): usually missing CAP_NET_ADMIN or root. */
export function isPermissionDenied(error: unknown): boolean {
  return hasErrno(error, ['EPERM', 'EACCES']);
}

/**
 * Worth trying again: EAGAIN, EINTR, or a dump that stayed interrupted through all the
 * socket's own retries (DumpInterruptedError).
 */
export function isTryAgain(error: unknown): boolean {
  return (
    hasErrno(error, ['EAGAIN', 'EINTR']) ||
    some(error, (link) => link instanceof DumpInterruptedError)
  );
}
