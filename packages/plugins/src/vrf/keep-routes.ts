import {
  type Address,
  AF,
  addAddress,
  IFA_F,
  listAddresses,
  listRoutes,
  type NetlinkRequester,
  type Route,
  type RouteSpec,
  RT_SCOPE,
  RT_TABLE,
  RTNH_F,
  RTPROT,
} from '@cni-ts/plugin-kit';

/** What a link's addressing looks like before it moves into a VRF. */
export interface Addressing {
  /** Its global (universe-scope) IPv6 addresses, which the kernel may drop on the move. */
  readonly ipv6: readonly Address[];
  /** Its routes in the main table that are worth carrying into the VRF's table. */
  readonly routes: readonly Route[];
}

/**
 * The routes to carry: universe scope (not local, not connected), via the link, in the main
 * table, and either with a preferred source (upstream's rule) or not made by the kernel.
 * Upstream carries only the first kind, so a default route IPAM added is lost; ours keeps it.
 */
export function carriedRoutes<R extends CarriedFields>(routes: readonly R[]): R[] {
  return routes.filter(
    (route) =>
      route.table === RT_TABLE.MAIN &&
      route.scope === RT_SCOPE.UNIVERSE &&
      (route.prefsrc !== undefined || route.protocol !== RTPROT.KERNEL),
  );
}

/** What {@link carriedRoutes} looks at. */
export type CarriedFields = Pick<Route, 'table' | 'scope' | 'prefsrc' | 'protocol'>;

/** Reads the link's global IPv6 addresses and carried routes before it changes master. */
export function readAddressing(sock: NetlinkRequester, index: number): Addressing {
  const ipv6 = listAddresses(sock, { index, family: AF.INET6 }).filter(
    (address) => address.scope === RT_SCOPE.UNIVERSE,
  );
  return { ipv6, routes: carriedRoutes(listRoutes(sock, { oif: index })) };
}

/** The flags of an address worth giving back when it is added again. */
const KEPT_FLAGS = IFA_F.NODAD | IFA_F.NOPREFIXROUTE | IFA_F.MANAGETEMPADDR | IFA_F.HOMEADDRESS;

/** The global IPv6 addresses of `before` the link no longer has. */
export function droppedIpv6(sock: NetlinkRequester, index: number, before: Addressing): Address[] {
  const now = new Set(
    listAddresses(sock, { index, family: AF.INET6 }).map((address) => address.address),
  );
  return before.ipv6.filter((address) => !now.has(address.address));
}

/** Adds an address back as it was (`ip -6 addr add ADDR dev X [nodad] …`). */
export function restoreAddress(sock: NetlinkRequester, address: Address): void {
  addAddress(sock, {
    index: address.index,
    address: address.address,
    scope: address.scope,
    flags: address.flags & KEPT_FLAGS,
  });
}

/** What {@link routeInTable} copies from a route. */
export type RouteFields = Pick<
  Route,
  | 'dst'
  | 'scope'
  | 'type'
  | 'protocol'
  | 'oif'
  | 'gateway'
  | 'prefsrc'
  | 'priority'
  | 'mtu'
  | 'advmss'
  | 'flags'
  | 'tos'
>;

/** `ip route replace …` of a remembered route, into `table`. */
export function routeInTable(route: RouteFields, table: number): RouteSpec {
  return {
    dst: route.dst,
    table,
    scope: route.scope,
    type: route.type,
    protocol: route.protocol,
    ...(route.oif === undefined ? {} : { oif: route.oif }),
    ...(route.gateway === undefined ? {} : { gateway: route.gateway }),
    ...(route.prefsrc === undefined ? {} : { prefsrc: route.prefsrc }),
    ...(route.priority === undefined ? {} : { priority: route.priority }),
    ...(route.mtu === undefined ? {} : { mtu: route.mtu }),
    ...(route.advmss === undefined ? {} : { advmss: route.advmss }),
    ...((route.flags & RTNH_F.ONLINK) === 0 ? {} : { onlink: true }),
    tos: route.tos,
  };
}
