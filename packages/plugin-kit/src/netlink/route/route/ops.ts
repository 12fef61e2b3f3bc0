import { formatIp } from '@cni-ts/spec-types';
import { errnoCodeOf } from '../../../errors/predicates.ts';
import { NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { maskPrefix, parseIpBytes, parsePrefixBytes } from '../_ip.ts';
import { isInetFamily } from '../address/decode.ts';
import { decodeRouteMessage, toRoute } from './decode.ts';
import { encodeRouteMessage, routeSpecToMessage } from './encode.ts';
import type { Route, RouteAttribute, RouteFilter, RouteSpec } from './types.ts';

function canonicalPrefix(text: string): string {
  const prefix = parsePrefixBytes(text, 'listRoutes dst');
  return `${formatIp(maskPrefix(prefix.bytes, prefix.prefix))}/${prefix.prefix}`;
}

function matches(
  route: Route,
  filter: RouteFilter,
  dst: string | undefined,
  gw: string | undefined,
) {
  if (filter.family !== undefined && route.family !== filter.family) return false;
  if (filter.table !== undefined && route.table !== filter.table) return false;
  if (filter.protocol !== undefined && route.protocol !== filter.protocol) return false;
  if (filter.scope !== undefined && route.scope !== filter.scope) return false;
  if (filter.type !== undefined && route.type !== filter.type) return false;
  if (dst !== undefined && route.dst !== dst) return false;
  if (gw !== undefined && route.gateway !== gw && !route.multipath?.some((h) => h.gateway === gw)) {
    return false;
  }
  if (
    filter.oif !== undefined &&
    route.oif !== filter.oif &&
    !route.multipath?.some((hop) => hop.oif === filter.oif)
  ) {
    return false;
  }
  return true;
}

/** An RTM_GETROUTE request's rtmsg: only the family, the destination length and `attributes`. */
function getRouteRequest(
  family: number,
  dstLength: number,
  attributes: readonly RouteAttribute[],
): Uint8Array {
  return encodeRouteMessage({
    family,
    dstLength,
    srcLength: 0,
    tos: 0,
    table: 0,
    protocol: 0,
    scope: 0,
    type: 0,
    flags: 0,
    attributes,
  });
}

/**
 * Lists routes of every table (`ip route show table all`, `ip -6 route show table all`):
 * an RTM_GETROUTE dump, filtered here by every field of `filter` that is given. With a
 * table, the request is that of `ip route show table N` (RTA_TABLE).
 */
export function listRoutes(sock: NetlinkRequester, filter: RouteFilter = {}): Route[] {
  const dst = filter.dst === undefined ? undefined : canonicalPrefix(filter.dst);
  const gateway =
    filter.gateway === undefined
      ? undefined
      : formatIp(parseIpBytes(filter.gateway, 'listRoutes gateway').bytes);
  // As `ip route show table N`; kernels in strict mode filter on it, this code always does.
  const payload = getRouteRequest(
    filter.family ?? 0,
    0,
    filter.table === undefined ? [] : [{ kind: 'RTA_TABLE', value: filter.table }],
  );
  const replies = sock.request({
    op: 'RTM_GETROUTE',
    type: RTM.GETROUTE,
    flags: NLM_F.DUMP,
    payload,
  });
  const routes: Route[] = [];
  for (const reply of replies) {
    if (reply.type !== RTM.NEWROUTE) continue;
    const message = decodeRouteMessage(reply.payload);
    if (!isInetFamily(message.family)) continue;
    const route = toRoute(message);
    if (matches(route, filter, dst, gateway)) routes.push(route);
  }
  return routes;
}

/**
 * The route the kernel would take to `dst` (`ip route get DST`): one RTM_GETROUTE for the
 * address, answered by a lookup through the routing policy, as Go's netlink.RouteGet asks
 * it. Undefined when no route reaches the address (ENETUNREACH, EHOSTUNREACH).
 */
export function getRoute(sock: NetlinkRequester, dst: string): Route | undefined {
  const { family, bytes } = parseIpBytes(dst, 'getRoute dst');
  const payload = getRouteRequest(family, bytes.length * 8, [
    { kind: 'RTA_DST', value: formatIp(bytes) },
  ]);
  let replies: ReturnType<NetlinkRequester['request']>;
  try {
    replies = sock.request({ op: 'RTM_GETROUTE', type: RTM.GETROUTE, flags: 0, payload });
  } catch (error) {
    const code = errnoCodeOf(error);
    if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return undefined;
    throw error;
  }
  for (const reply of replies) {
    if (reply.type === RTM.NEWROUTE) return toRoute(decodeRouteMessage(reply.payload));
  }
  return undefined;
}

function send(
  sock: NetlinkRequester,
  spec: RouteSpec,
  flags: number,
  command: 'new' | 'del',
): void {
  const payload = encodeRouteMessage(routeSpecToMessage(spec, command));
  if (command === 'new') {
    sock.request({ op: 'RTM_NEWROUTE', type: RTM.NEWROUTE, flags, payload });
  } else {
    sock.request({ op: 'RTM_DELROUTE', type: RTM.DELROUTE, flags, payload });
  }
}

/**
 * Adds a route (`ip route add DST [via GW] [dev LINK] [table N] …`): RTM_NEWROUTE with
 * NLM_F_CREATE|NLM_F_EXCL. A route that is already there fails with EEXIST (isExists).
 * With `multipath`, one route with RTA_MULTIPATH (`ip route add DST nexthop … nexthop …`).
 */
export function addRoute(sock: NetlinkRequester, spec: RouteSpec): void {
  send(sock, spec, NLM_F.CREATE | NLM_F.EXCL, 'new');
}

/**
 * Adds a route the way upstream's RouteAddEcmp does (`ip route prepend …`): RTM_NEWROUTE with
 * NLM_F_CREATE only. An IPv6 route to the same destination and metric through another
 * gateway joins the existing route as a multipath sibling; an identical route fails with
 * EEXIST. (IPv4 keeps two separate routes; give IPv4 ECMP as `multipath` instead.)
 */
export function addRouteEcmp(sock: NetlinkRequester, spec: RouteSpec): void {
  send(sock, spec, NLM_F.CREATE, 'new');
}

/**
 * Adds a route or replaces the one with the same destination, table, tos and metric
 * (`ip route replace …`): RTM_NEWROUTE with NLM_F_CREATE|NLM_F_REPLACE.
 */
export function replaceRoute(sock: NetlinkRequester, spec: RouteSpec): void {
  send(sock, spec, NLM_F.CREATE | NLM_F.REPLACE, 'new');
}

/**
 * Deletes a route (`ip route del DST [via GW] [dev LINK] [table N]`): RTM_DELROUTE. Fields
 * left out match any route (scope "nowhere", protocol and type unspecified), but the table
 * defaults to main, as with ip. A missing route fails with ESRCH (isNotFound). A Route
 * record from listRoutes can be passed as it is.
 */
export function deleteRoute(sock: NetlinkRequester, spec: RouteSpec): void {
  send(sock, spec, 0, 'del');
}
