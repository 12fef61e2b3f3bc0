import { getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import { RT_TABLE } from '../netlink/route/route/constants.ts';
import { listRoutes } from '../netlink/route/route/ops.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';

const DEFAULT_DESTINATIONS = new Set(['0.0.0.0/0', '::/0']);

/**
 * The link of the first default route of the main table, IPv4 before IPv6 (the order of
 * an `ip route show` dump of both families), or undefined when there is none: upstream's
 * default "master" of macvlan and ipvlan. A multipath default route counts by its first hop.
 */
export function defaultRouteLink(sock: NetlinkRequester): Link | undefined {
  for (const route of listRoutes(sock, { table: RT_TABLE.MAIN })) {
    if (!DEFAULT_DESTINATIONS.has(route.dst)) continue;
    const index = route.oif ?? route.multipath?.[0]?.oif;
    if (index !== undefined && index > 0) return getLink(sock, { index });
  }
  return undefined;
}
