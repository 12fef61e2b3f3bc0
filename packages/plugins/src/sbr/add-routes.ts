// sbr's ADD inside the container: a rule per source address, each into a table of its
// own holding a default route and copies of the interface's routes, which then leave main.
import {
  addRoute,
  addRule,
  deleteRoute,
  deleteRule,
  getLink,
  goErrorText,
  isNotFound,
  listRoutes,
  listRules,
  type NetlinkRequester,
  type Route,
  RT_SCOPE,
  RT_TABLE,
  replaceRoute,
  type UndoStack,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, formatCidr } from '@cni-ts/spec-types';
import { hostPrefix, inNetwork, type SourceAddress } from './addresses.ts';
import { FIRST_TABLE_ID } from './config.ts';
import type { StaticGateways } from './gateways.ts';
import { freeTable, isMainRouteOf, routeSpecOf } from './route-copy.ts';

function failed(what: string, error: unknown): CniError {
  return new CniError(CniErrorCode.Internal, `${what}: ${goErrorText(error)}`, { cause: error });
}

/** Adds `from <ip>/32|128 lookup <table>`, taken back on failure. */
export function addSourceRule(
  sock: NetlinkRequester,
  source: SourceAddress,
  table: number,
  undo: UndoStack,
  words = 'Failed to add rule',
): void {
  const spec = { src: hostPrefix(source), table };
  try {
    addRule(sock, spec);
  } catch (error) {
    throw failed(words, error);
  }
  undo.defer(`delete rule from ${spec.src}`, () => deleteRule(sock, spec));
}

/** With a fixed `table`: the rules alone; the table's routes are the operator's. */
export function addRulesToTable(
  sock: NetlinkRequester,
  sources: readonly SourceAddress[],
  table: number,
  undo: UndoStack,
): void {
  for (const source of sources) addSourceRule(sock, source, table, undo, 'failed to add rule');
}

/**
 * True when a main route of the interface is copied into this address's table, by
 * upstream's test: its source hint or gateway lies in the address's network, or it has
 * neither (a generic route, such as fe80::/64, goes into every table).
 */
function belongsTo(route: Route, source: SourceAddress): boolean {
  return (
    inNetwork(source.cidr, route.prefsrc) ||
    inNetwork(source.cidr, route.gateway) ||
    (route.prefsrc === undefined && route.gateway === undefined)
  );
}

export interface TableRoutingInput {
  readonly ifName: string;
  readonly sources: readonly SourceAddress[];
  readonly gateways: StaticGateways;
  readonly addSourceHints: boolean;
}

/**
 * Without `table`: per source address, in the previous result's order, the first free
 * table from 100 on gets the rule `from <ip> lookup <table>`, a default route via the
 * static gateway of the family or the address's gateway, and a copy of each main route
 * of the interface whose source hint or gateway lies in the address's network (or that
 * has neither). Then the interface's routes leave main, or with `addSourceHints` the
 * subnet routes stay (with the address as source hint) and only the others leave.
 */
export function routeThroughTables(
  sock: NetlinkRequester,
  input: TableRoutingInput,
  undo: UndoStack,
): void {
  const rules = listRules(sock);
  const allRoutes = listRoutes(sock);
  let index: number;
  try {
    index = getLink(sock, { name: input.ifName }).index;
  } catch (error) {
    throw failed(`Cannot find network interface ${input.ifName}`, error);
  }
  const main = allRoutes.filter((route) => isMainRouteOf(route, index));
  let table = freeTable(rules, allRoutes, FIRST_TABLE_ID);
  for (const source of input.sources) {
    addSourceRule(sock, source, table, undo);
    const gateway = (source.family === 4 ? input.gateways.v4 : input.gateways.v6) ?? source.gateway;
    if (gateway !== undefined) {
      const spec = { dst: source.family === 4 ? '0.0.0.0/0' : '::/0', gateway, oif: index, table };
      try {
        addRoute(sock, spec);
      } catch (error) {
        throw failed(`Failed to add default route to ${gateway}`, error);
      }
      undo.defer(`delete default route of table ${table}`, () => deleteRoute(sock, spec));
    }
    for (const route of main.filter((candidate) => belongsTo(candidate, source))) {
      const spec = routeSpecOf(route, table);
      try {
        replaceRoute(sock, spec);
      } catch (error) {
        throw failed('Failed to readd route', error);
      }
      undo.defer(`delete ${spec.dst} from table ${table}`, () => deleteRoute(sock, spec));
    }
    table = freeTable(rules, allRoutes, table + 1);
  }
  if (input.addSourceHints) addHints(sock, index, input.sources, main, undo);
  else removeFromMain(sock, main, undo);
}

function removeFromMain(sock: NetlinkRequester, routes: readonly Route[], undo: UndoStack): void {
  for (const route of routes) {
    const spec = routeSpecOf(route);
    try {
      deleteRoute(sock, spec);
    } catch (error) {
      // Gone already: a source-hint route replaced it (addSourceHints), or someone else.
      if (isNotFound(error)) continue;
      throw failed('Failed to delete route', error);
    }
    undo.defer(`put ${route.dst} back in main`, () => replaceRoute(sock, spec));
  }
}

/** `addSourceHints`: subnet routes in main with the address as source hint; the rest leave. */
function addHints(
  sock: NetlinkRequester,
  index: number,
  sources: readonly SourceAddress[],
  routes: readonly Route[],
  undo: UndoStack,
): void {
  for (const source of sources) {
    const network = formatCidr(networkOf(source));
    replaceRoute(sock, {
      dst: network,
      prefsrc: source.ip,
      oif: index,
      scope: RT_SCOPE.LINK,
      table: RT_TABLE.MAIN,
    });
  }
  removeFromMain(
    sock,
    routes.filter((route) => route.scope !== RT_SCOPE.LINK),
    undo,
  );
}

function networkOf(source: SourceAddress): { ip: Uint8Array; prefix: number } {
  const ip = source.cidr.ip.slice();
  let bits = source.cidr.prefix;
  for (let i = 0; i < ip.length; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    ip[i] = (ip[i] ?? 0) & mask;
  }
  return { ip, prefix: source.cidr.prefix };
}
