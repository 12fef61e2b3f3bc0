import { AF } from '../netlink/codec/constants.ts';
import { IFA_F } from '../netlink/route/address/constants.ts';
import { listAddresses } from '../netlink/route/address/ops.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { NetSetupError } from './net-setup-error.ts';

export interface SettleAddressesOptions {
  /** How long to wait for duplicate address detection (upstream: 5 s). */
  readonly timeoutMs: number;
  /** Time between polls (default 50 ms, as upstream). */
  readonly intervalMs?: number;
  /** The link's name, for error texts (default: `index <n>`). */
  readonly name?: string;
}

/** Upstream's SETTLE_INTERVAL. */
export const SETTLE_INTERVAL_MS = 50;

/** The first wait between polls; it doubles up to the interval. */
export const SETTLE_FIRST_WAIT_MS = 5;

/**
 * Waits until no IPv6 address of link `index` is tentative, as upstream's SettleAddresses:
 * `ip -6 addr show dev X` (RTM_GETADDR dump) until none has IFA_F_TENTATIVE. Upstream polls
 * every 50 ms; this polls after 5, 10, 20, 40 ms and then every 50 ms, because with DAD off
 * the tentative flag clears within milliseconds of the link going up, and a whole 50 ms
 * sleep was most of an ADD's time.
 * An address with IFA_F_DADFAILED fails at once (NetSetupError 'dad-failed', `link X has
 * address IP in DADFAILED state`); still tentative after `timeoutMs` fails with 'dad-timeout'
 * (`link X still has tentative addresses after N seconds`). Blocks the thread while waiting.
 */
export function settleAddresses(
  sock: NetlinkRequester,
  index: number,
  options: SettleAddressesOptions,
): void {
  const name = options.name ?? `index ${index}`;
  const interval = options.intervalMs ?? SETTLE_INTERVAL_MS;
  const deadline = Date.now() + options.timeoutMs;
  let wait = Math.min(SETTLE_FIRST_WAIT_MS, interval);
  for (;;) {
    let tentative = false;
    for (const address of listAddresses(sock, { index, family: AF.INET6 })) {
      if ((address.flags & IFA_F.DADFAILED) !== 0) {
        const ip = address.address.slice(0, address.address.indexOf('/'));
        throw new NetSetupError(
          'settleAddresses',
          'dad-failed',
          `link ${name} has address ${ip} in DADFAILED state`,
        );
      }
      if ((address.flags & IFA_F.TENTATIVE) !== 0) tentative = true;
    }
    if (!tentative) return;
    if (Date.now() > deadline) {
      throw new NetSetupError(
        'settleAddresses',
        'dad-timeout',
        `link ${name} still has tentative addresses after ${Math.round(options.timeoutMs / 1000)} seconds`,
      );
    }
    Bun.sleepSync(wait);
    wait = Math.min(wait * 2, interval);
  }
}
