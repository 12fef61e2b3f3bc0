import { getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { NetSetupError } from './net-setup-error.ts';

/** The pauses before each look at the port, in ms, as upstream's bridge ADD (step 11). */
export const OPER_UP_DELAYS_MS: readonly number[] = [0, 50, 500, 1000, 1000];

export interface WaitForOperUpOptions {
  /** Pauses before each look (default OPER_UP_DELAYS_MS). */
  readonly delaysMs?: readonly number[];
}

/**
 * Waits for link `index` (a new bridge port) to reach operstate up, as upstream's bridge
 * ADD does: `ip link show dev X` (RTM_GETLINK) after pausing 0, 50, 500, 1000 and 1000 ms.
 * Returns the link as last read (its MAC may have changed meanwhile). Still not up after
 * the last look: NetSetupError('port-not-up', `bridge port in error state: <operstate>`).
 * A kernel error from the lookup (the link vanished) passes through. Blocks while waiting.
 */
export function waitForOperUp(
  sock: NetlinkRequester,
  index: number,
  options: WaitForOperUpOptions = {},
): Link {
  const delays = options.delaysMs ?? OPER_UP_DELAYS_MS;
  let link: Link | undefined;
  for (const delay of delays) {
    if (delay > 0) Bun.sleepSync(delay);
    link = getLink(sock, { index });
    if (link.operstate === 'up') return link;
  }
  throw new NetSetupError(
    'waitForOperUp',
    'port-not-up',
    `bridge port in error state: ${link?.operstate ?? 'unknown'}`,
  );
}
