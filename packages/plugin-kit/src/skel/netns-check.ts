import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { statPath } from '../sys/fs-stat.ts';

/** The network namespace of the running process. */
export const OWN_NETNS_PATH = '/proc/self/ns/net';

/** What identifies a namespace file: the device and inode of the nsfs object. */
export interface NetnsIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
}

/** stat(2) of a namespace path, following the /proc symlink; `undefined` when it fails. */
export function statNetns(path: string): NetnsIdentity | undefined {
  try {
    const stats = statPath(path);
    return stats ? { dev: stats.dev, ino: stats.ino } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses to work on the plugin's own namespace: code 8 `plugin's netns and netns from
 * CNI_NETNS should not be the same` when `netns` is the namespace this process runs in.
 * An empty or unreadable `netns` passes (the handler reports it, or DEL ignores it).
 */
export function assertNotOwnNetns(
  netns: string,
  stat: (path: string) => NetnsIdentity | undefined = statNetns,
): void {
  if (netns === '') return;
  const target = stat(netns);
  if (!target) return;
  const own = stat(OWN_NETNS_PATH);
  if (!own) throw new CniError(CniErrorCode.InvalidNetNs, "get plugin's netns failed");
  if (own.dev === target.dev && own.ino === target.ino) {
    throw new CniError(
      CniErrorCode.InvalidNetNs,
      "plugin's netns and netns from CNI_NETNS should not be the same",
    );
  }
}
