import type { Route } from '@cni-ts/spec-types';
import { canonicalCidr } from '@cni-ts/spec-types';
import type { RouteSpec } from '../netlink/route/route/types.ts';
import { familyOf } from './_prefix.ts';

/** The first gateway of each family among a result's IPs (upstream's v4gw / v6gw). */
export interface FamilyGateways {
  readonly v4?: string;
  readonly v6?: string;
}

/** Result routes that go into one kernel route: same destination, table, scope and metric. */
export interface RouteGroup {
  /** The destination as written in the first route of the group. */
  readonly dst: string;
  readonly table: number;
  readonly scope: number;
  readonly priority: number;
  /** One gateway per result route, in order; undefined for a route without one. */
  readonly gateways: readonly (string | undefined)[];
  readonly mtu?: number;
  readonly advmss?: number;
}

/**
 * Groups result routes as upstream's ConfigureIface does before RouteAddEcmp: a route
 * without `gw` takes the first gateway of its family; routes with the same destination,
 * table, scope and priority become one group (one ECMP route), in the order they first
 * appear. A route's mtu/advmss is kept from the first route of its group.
 */
export function groupRoutes(routes: readonly Route[], gateways: FamilyGateways): RouteGroup[] {
  const groups = new Map<string, RouteGroup & { gateways: (string | undefined)[] }>();
  // In first-seen order; an array beside the map, as spreading its values costs an exec the
  // first call of the iteration builtin.
  const ordered: RouteGroup[] = [];
  for (const route of routes) {
    const gw = route.gw ?? (familyOf(route.dst) === 4 ? gateways.v4 : gateways.v6);
    const table = route.table ?? 0;
    const scope = route.scope ?? 0;
    const priority = route.priority ?? 0;
    const key = `${canonicalCidr(route.dst) ?? route.dst}|${table}|${scope}|${priority}`;
    const group = groups.get(key);
    if (group !== undefined) {
      group.gateways.push(gw);
      continue;
    }
    const created = {
      dst: route.dst,
      table,
      scope,
      priority,
      gateways: [gw],
      ...(route.mtu !== undefined && route.mtu > 0 ? { mtu: route.mtu } : {}),
      ...(route.advmss !== undefined && route.advmss > 0 ? { advmss: route.advmss } : {}),
    };
    groups.set(key, created);
    ordered.push(created);
  }
  return ordered;
}

/**
 * The kernel route for a group on link `index`: one path (RTA_GATEWAY, RTA_OIF) for a single
 * gateway, RTA_MULTIPATH with one nexthop per gateway otherwise. Table and metric are sent
 * only when set (main table, kernel default metric otherwise); scope is the group's
 * (universe unless the result says), as upstream sends it.
 */
export function routeSpecForGroup(group: RouteGroup, index: number): RouteSpec {
  const common = {
    dst: group.dst,
    scope: group.scope,
    ...(group.table > 0 ? { table: group.table } : {}),
    ...(group.priority > 0 ? { priority: group.priority } : {}),
    ...(group.mtu === undefined ? {} : { mtu: group.mtu }),
    ...(group.advmss === undefined ? {} : { advmss: group.advmss }),
  };
  const [first, ...rest] = group.gateways;
  if (rest.length === 0) {
    return { ...common, oif: index, ...(first === undefined ? {} : { gateway: first }) };
  }
  return {
    ...common,
    multipath: group.gateways.map((gateway) => ({
      oif: index,
      ...(gateway === undefined ? {} : { gateway }),
    })),
  };
}
