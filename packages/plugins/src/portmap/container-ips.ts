import type { Result100 } from '@cni-ts/spec-types';
import { ipFamily, parseCidr } from '@cni-ts/spec-types';

/**
 * The container's addresses the mappings forward to, as upstream picks them: the first
 * IPv4 and the first IPv6 address of prevResult whose `interface` is CNI_IFNAME inside a
 * sandbox, or which names no interface. `ip/prefix` as given.
 */
export function containerAddresses(prev: Result100, ifName: string): string[] {
  const interfaces = prev.interfaces ?? [];
  const picked = new Set<number>();
  const out: string[] = [];
  for (const ip of prev.ips ?? []) {
    if (ip.interface !== undefined) {
      const intf = interfaces[ip.interface];
      if (intf === undefined || intf.name !== ifName || (intf.sandbox ?? '') === '') continue;
    }
    const cidr = parseCidr(ip.address);
    if (cidr === undefined) continue;
    const family = ipFamily(cidr.ip);
    if (picked.has(family)) continue;
    picked.add(family);
    out.push(ip.address);
  }
  return out;
}
