import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/** The prefix of the container IDs cnitool makes up. */
export const CONTAINER_ID_PREFIX = 'cnitool-';

/**
 * The container ID cnitool uses for a namespace, as upstream's cnitool derives it:
 * `cnitool-` and the first 10 bytes (20 lowercase hex digits) of the SHA-512 of the
 * absolute netns path. The same path always gives the same ID, so `add` and a later
 * `del` (by this tool or by Go's cnitool) meet in the same cache entry.
 */
export function containerIdForNetns(netnsPath: string, cwd: string = process.cwd()): string {
  const digest = createHash('sha512').update(resolve(cwd, netnsPath)).digest('hex');
  return `${CONTAINER_ID_PREFIX}${digest.slice(0, 20)}`;
}
