// Named network namespaces under a run directory, made and removed the way `ip netns add`
// and `ip netns del` do it, through libc only.
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { pathJoin } from '@cni-ts/spec-types';
import {
  close,
  MNT_DETACH,
  MS_BIND,
  MS_REC,
  MS_SHARED,
  mount,
  O_CLOEXEC,
  O_CREAT,
  O_EXCL,
  O_RDONLY,
  open,
  umount2,
} from '../sys/libc.ts';
import { isSyscallError } from '../sys/syscall-error.ts';
import { inNewNetns } from './_in-new-netns.ts';
import { CURRENT_NETNS_PATH, type Netns, openNetns } from './netns.ts';
import { NetnsError } from './netns-error.ts';

/** Where iproute2 keeps named namespaces (`ip netns`), and the default here. */
export const NETNS_RUN_DIR = '/run/netns';

export interface NamedNetnsOptions {
  /** The directory holding the namespace files; `/run/netns` unless given. */
  readonly runDir?: string;
}

const NAME_MAX = 255;

/**
 * Throws NetnsError('invalid-name') unless `name` can be a file directly in the run
 * directory (non-empty, at most 255 bytes, no '/', not '.' or '..'), as iproute2 checks.
 */
export function assertNetnsName(name: string, runDir: string = NETNS_RUN_DIR): void {
  const valid =
    name.length > 0 &&
    Buffer.byteLength(name) <= NAME_MAX &&
    !name.includes('/') &&
    !name.includes('\0') &&
    name !== '.' &&
    name !== '..';
  if (!valid) {
    throw new NetnsError(pathJoin(runDir, name), 'invalid-name', `invalid netns name "${name}"`);
  }
}

function errorCode(error: unknown): string | undefined {
  if (isSyscallError(error)) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Makes `dir` a shared mount point, so that a later unmount of a namespace file propagates
 * to every mount namespace. A directory that is not a mount point yet (EINVAL) is first
 * bind-mounted onto itself.
 */
function makeSharedMountPoint(dir: string): void {
  try {
    mount('', dir, 'none', MS_SHARED | MS_REC);
    return;
  } catch (error) {
    if (errorCode(error) !== 'EINVAL') throw error;
  }
  mount(dir, dir, 'none', MS_BIND | MS_REC);
  mount('', dir, 'none', MS_SHARED | MS_REC);
}

/** Detaches the bind mount on `path` (if any) and removes the file; a missing file is fine. */
function removeNetnsFile(path: string): void {
  try {
    umount2(path, MNT_DETACH);
  } catch (error) {
    // EINVAL: nothing is mounted there (a stale file); ENOENT: no file at all.
    const code = errorCode(error);
    if (code !== 'EINVAL' && code !== 'ENOENT') throw error;
  }
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/**
 * Creates a new network namespace pinned at `<runDir>/<name>` and returns an open handle to
 * it, like `ip netns add <name>`: the run directory is created and made a shared mount
 * point, an empty file is created (an existing name is a SyscallError with code EEXIST), the
 * JavaScript thread unshares into a new namespace, binds /proc/thread-self/ns/net onto the
 * file and switches back at once. On any failure the file is unmounted and removed again,
 * and the thread is never left in the new namespace (a failed switch back ends the process).
 * The namespace has only a loopback device, and it is down.
 */
export function createNamedNetns(name: string, options: NamedNetnsOptions = {}): Netns {
  const runDir = options.runDir ?? NETNS_RUN_DIR;
  assertNetnsName(name, runDir);
  const path = pathJoin(runDir, name);
  mkdirSync(runDir, { recursive: true, mode: 0o755 });
  makeSharedMountPoint(runDir);
  close(open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0));
  try {
    inNewNetns(() => mount(CURRENT_NETNS_PATH, path, 'none', MS_BIND));
    return openNetns(path);
  } catch (error) {
    removeNetnsFile(path);
    throw error;
  }
}

/**
 * Removes the named namespace `<runDir>/<name>` like `ip netns del <name>`: detaches the
 * bind mount (MNT_DETACH) and deletes the file. The kernel frees the namespace once no
 * process, descriptor or other mount keeps it. A name that does not exist is success.
 */
export function deleteNamedNetns(name: string, options: NamedNetnsOptions = {}): void {
  const runDir = options.runDir ?? NETNS_RUN_DIR;
  assertNetnsName(name, runDir);
  removeNetnsFile(pathJoin(runDir, name));
}

/**
 * The names in the run directory, sorted, like `ip netns list` (without ids). A missing
 * run directory means no names. Entries are listed by name only: a stale file whose
 * namespace is gone is still listed, as iproute2 does.
 */
export function listNamedNetns(options: NamedNetnsOptions = {}): string[] {
  const runDir = options.runDir ?? NETNS_RUN_DIR;
  try {
    return readdirSync(runDir, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}
