import { fileSystemType } from '../sys/fs-stat.ts';
import { CLONE_NEWNET, close, O_CLOEXEC, O_RDONLY, open, setns } from '../sys/libc.ts';
import { isSyscallError } from '../sys/syscall-error.ts';
import { NetnsError } from './netns-error.ts';

const NSFS_MAGIC = 0x6e736673;
const PROC_SUPER_MAGIC = 0x9fa0;

/** An open network namespace: a file descriptor and the path it came from. Close it. */
export interface Netns {
  readonly fd: number;
  readonly path: string;
  close(): void;
  [Symbol.dispose](): void;
}

function handle(fd: number, path: string): Netns {
  let open = true;
  const closeOnce = (): void => {
    if (!open) return;
    open = false;
    close(fd);
  };
  return { fd, path, close: closeOnce, [Symbol.dispose]: closeOnce };
}

/**
 * Opens a namespace file (`/run/netns/x`, `/proc/<pid>/ns/net`). The path must be on nsfs
 * or procfs, as upstream's GetNS checks: anything else is a NetnsError, not a silent use of
 * a regular file.
 */
export function openNetns(path: string): Netns {
  let type: number;
  try {
    type = fileSystemType(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new NetnsError(
        path,
        'not-found',
        `failed to Statfs "${path}": no such file or directory`,
      );
    }
    throw error;
  }
  if (type !== NSFS_MAGIC && type !== PROC_SUPER_MAGIC) {
    throw new NetnsError(
      path,
      'not-a-namespace',
      `unknown FS magic on "${path}": ${type.toString(16)}`,
    );
  }
  try {
    return handle(open(path, O_RDONLY | O_CLOEXEC), path);
  } catch (error) {
    if (isSyscallError(error) && error.code === 'ENOENT') {
      throw new NetnsError(
        path,
        'not-found',
        `failed to open "${path}": no such file or directory`,
      );
    }
    throw error;
  }
}

/** The path of the calling thread's network namespace. */
export const CURRENT_NETNS_PATH = '/proc/thread-self/ns/net';

/** The namespace the JavaScript thread is in now. */
export function currentNetns(): Netns {
  return handle(open(CURRENT_NETNS_PATH, O_RDONLY | O_CLOEXEC), CURRENT_NETNS_PATH);
}

/**
 * Rejects functions that return a promise (or may: a union with one): a namespace belongs to
 * a thread, and an `await` could resume anywhere. A function that only throws (`never`) is
 * accepted.
 */
type SyncOnly<T> = [T] extends [never]
  ? []
  : [Extract<T, PromiseLike<unknown>>] extends [never]
    ? []
    : [never];

function fatal(error: unknown): never {
  process.stderr.write(
    `fatal: could not switch back to the original network namespace: ${String(error)}\n`,
  );
  process.exit(70);
}

/**
 * Runs `fn` with the thread switched into `ns`, and switches back before returning, also
 * when `fn` throws. `fn` must be synchronous: its type rejects a function that returns a
 * promise, and a thenable result throws after switching back. A failed switch back ends
 * the process: it never carries on in the wrong namespace.
 */
export function withNetns<T>(ns: Netns, fn: () => T, ..._syncOnly: SyncOnly<T>): T {
  const origin = currentNetns();
  try {
    setns(ns.fd, CLONE_NEWNET);
    let result: T;
    try {
      result = fn();
    } finally {
      try {
        setns(origin.fd, CLONE_NEWNET);
      } catch (error) {
        fatal(error);
      }
    }
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      throw new TypeError('withNetns: the function returned a promise; it must be synchronous');
    }
    return result;
  } finally {
    origin.close();
  }
}

/** Opens `path` and runs `fn` inside it (see withNetns). */
export function withNetnsPath<T>(path: string, fn: () => T, ...syncOnly: SyncOnly<T>): T {
  const ns = openNetns(path);
  try {
    return withNetns(ns, fn, ...syncOnly);
  } finally {
    ns.close();
  }
}
