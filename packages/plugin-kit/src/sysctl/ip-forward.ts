import type { Netns } from '../netns/netns.ts';
import { withNetns } from '../netns/netns.ts';
import { readSysctl, writeSysctl } from './sysctl.ts';

/** The sysctl that turns on forwarding for each IP family, as upstream's EnableIP4Forward/EnableIP6Forward. */
export const IP_FORWARD_SYSCTL = {
  4: 'net.ipv4.ip_forward',
  6: 'net.ipv6.conf.all.forwarding',
} as const;

export interface IpForwardOptions {
  readonly family: 4 | 6;
  /** The network namespace to act in; the current one when absent. */
  readonly netns?: Netns;
}

function ensureHere(family: 4 | 6): boolean {
  const name = IP_FORWARD_SYSCTL[family];
  let current: string | undefined;
  try {
    current = readSysctl(name);
  } catch {
    // Upstream writes when the read fails; the write then reports the real problem.
  }
  if (current?.trim() === '1') return false;
  writeSysctl(name, '1');
  return true;
}

/**
 * Turns on IP forwarding for one family (net.ipv4.ip_forward or
 * net.ipv6.conf.all.forwarding), writing "1" only when the value is not already "1", like
 * upstream's EnableIP4Forward/EnableIP6Forward. Returns true when it wrote.
 */
export function ensureIpForward(options: IpForwardOptions): boolean {
  const { family, netns } = options;
  return netns === undefined ? ensureHere(family) : withNetns(netns, () => ensureHere(family));
}

/**
 * Turns on forwarding for every IP family among `addresses` (IP or CIDR texts, e.g. a
 * result's `ips[].address`), like upstream's EnableForward(ips). Returns the families it
 * wrote.
 */
export function ensureIpForwardFor(
  addresses: readonly string[],
  options: { readonly netns?: Netns } = {},
): (4 | 6)[] {
  const families = new Set<4 | 6>();
  for (const address of addresses) families.add(address.includes(':') ? 6 : 4);
  const written: (4 | 6)[] = [];
  for (const family of [4, 6] as const) {
    if (!families.has(family)) continue;
    const args = options.netns === undefined ? { family } : { family, netns: options.netns };
    if (ensureIpForward(args)) written.push(family);
  }
  return written;
}
