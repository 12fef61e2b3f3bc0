// Internal: upstream writes `net.ipv6.conf.<if>.accept_ra=0` on the bridge and on each host
// veth ("we want to own the routes for this interface") and ignores the result.
import type { Netns } from '../netns/netns.ts';
import { writeSysctl } from '../sysctl/sysctl.ts';

/** `sysctl net.ipv6.conf.<name>.accept_ra=0` in `netns` (current when absent), failures ignored. */
export function disableAcceptRa(name: string, netns: Netns | undefined): void {
  try {
    writeSysctl(`net/ipv6/conf/${name}/accept_ra`, '0', netns === undefined ? {} : { netns });
  } catch {
    // No IPv6 in that namespace, or the link is gone: upstream carries on as well.
  }
}
