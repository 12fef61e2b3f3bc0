// Routes as sbr moves them: a route read from the kernel turned back into what adds,
// replaces or deletes it, in another table when copied.
import { type Route, type RouteSpec, RT_TABLE } from '@cni-ts/plugin-kit';

/**
 * What re-creates `route` in `table`: every property it was read with (destination,
 * gateway, link, source hint, metric, protocol, scope, type, tos, MTU, paths) but its
 * flags, which upstream clears because the kernel refuses some of them on a new route.
 */
export function routeSpecOf(route: Route, table: number = route.table): RouteSpec {
  return {
    dst: route.dst,
    table,
    protocol: route.protocol,
    scope: route.scope,
    type: route.type,
    tos: route.tos,
    ...(route.src === undefined ? {} : { src: route.src }),
    ...(route.gateway === undefined ? {} : { gateway: route.gateway }),
    ...(route.oif === undefined ? {} : { oif: route.oif }),
    ...(route.prefsrc === undefined ? {} : { prefsrc: route.prefsrc }),
    ...(route.priority === undefined ? {} : { priority: route.priority }),
    ...(route.mtu === undefined ? {} : { mtu: route.mtu }),
    ...(route.advmss === undefined ? {} : { advmss: route.advmss }),
    ...(route.multipath === undefined
      ? {}
      : {
          multipath: route.multipath.map((hop) => ({
            ...(hop.gateway === undefined ? {} : { gateway: hop.gateway }),
            oif: hop.oif,
            weight: hop.weight,
          })),
        }),
  };
}

/** The main table's routes through link `index` (upstream moves exactly these). */
export function isMainRouteOf(route: Route, index: number): boolean {
  return route.table === RT_TABLE.MAIN && route.oif === index;
}

/**
 * The first table id from `candidate` on that no rule points at and no route lives in
 * (upstream looks at rules only in practice: its route list holds main's routes alone).
 */
export function freeTable(
  rules: readonly { readonly table: number }[],
  routes: readonly { readonly table: number }[],
  candidate: number,
): number {
  const used = new Set([...rules, ...routes].map((entry) => entry.table));
  let table = candidate;
  while (used.has(table)) table++;
  return table;
}
