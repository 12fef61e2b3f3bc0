import type { Route as ResultRoute } from '@cni-ts/spec-types';
import { canonicalCidr, parseCidr } from '@cni-ts/spec-types';
import { goErrorText, goRoute } from '../ip/_go-format.ts';
import { familyOf } from '../ip/_prefix.ts';
import { AF } from '../netlink/codec/constants.ts';
import { RT_TABLE } from '../netlink/route/route/constants.ts';
import { listRoutes } from '../netlink/route/route/ops.ts';
import type { RouteFilter } from '../netlink/route/route/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { CheckError } from './check-error.ts';

/** What to look for: a default route matches by destination only, as upstream. */
function filterFor(route: ResultRoute): RouteFilter | undefined {
  if (parseCidr(route.dst) === undefined) return undefined;
  const family = familyOf(route.dst) === 4 ? AF.INET : AF.INET6;
  const dst = canonicalCidr(route.dst);
  const base = { family, table: RT_TABLE.MAIN, ...(dst === undefined ? {} : { dst }) };
  if (dst === '0.0.0.0/0' || dst === '::/0') return base;
  return route.gw === undefined ? base : { ...base, gateway: route.gw };
}

/**
 * CHECK of a result's routes, as upstream's ValidateExpectedRoute (used by every main
 * plugin): through `sock` (a route socket in the container's namespace), the main table must
 * hold a route to each destination, through its `gw` when one is given (`ip route show table
 * main DST [via GW]`; a multipath route matches when one of its paths has the gateway). For
 * a default route only the destination is compared, as upstream does. The first route that
 * is missing throws CheckError with upstream's text: `Expected Route {Dst:{IP:10.2.0.0
 * Mask:ffff0000} GW:10.1.0.1 MTU:0 AdvMSS:0 Priority:0 Table:<nil> Scope:<nil>} not found in
 * routing table`.
 */
export function validateExpectedRoute(
  sock: NetlinkRequester,
  routes: readonly ResultRoute[],
): void {
  for (const route of routes) {
    const filter = filterFor(route);
    if (filter === undefined) {
      throw new CheckError('invalid-route', `Invalid static route found ${goRoute(route)}`);
    }
    let found: number;
    try {
      found = listRoutes(sock, filter).length;
    } catch (error) {
      throw new CheckError(
        'lookup-failed',
        `Expected Route ${goRoute(route)} not route table lookup error ${goErrorText(error)}`,
        error,
      );
    }
    if (found === 0) {
      throw new CheckError(
        'route-missing',
        `Expected Route ${goRoute(route)} not found in routing table`,
      );
    }
  }
}
