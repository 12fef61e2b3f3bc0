import {
  getLink,
  goErrorText,
  type Link,
  listRoutes,
  type NetlinkRequester,
  replaceRoute,
  setLinkMaster,
  setLinkNoMaster,
  type UndoStack,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { droppedIpv6, readAddressing, restoreAddress, routeInTable } from './keep-routes.ts';
import { vrfTable } from './vrf-link.ts';

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

/** Upstream's wait for a restored address's route: 10 ms doubling, 8 retries (about 2.5 s). */
const BACKOFF_MS = 10;
const RETRIES = 8;

/** Waits until the kernel has the route of a restored address in the VRF's table. */
function waitForAddressRoute(
  sock: NetlinkRequester,
  link: Link,
  table: number,
  address: string,
): void {
  const ip = address.slice(0, address.indexOf('/'));
  for (let retry = 0; retry <= RETRIES; retry++) {
    if (listRoutes(sock, { table, oif: link.index, dst: `${ip}/128` }).length > 0) return;
    if (retry < RETRIES) Bun.sleepSync(BACKOFF_MS * 2 ** retry);
  }
  fail(
    `failed getting local/host addresses for ${link.name} in table ${table} with dst ${address}`,
  );
}

/** The container interface, which must not have a master yet (upstream's checks and words). */
function freeInterface(sock: NetlinkRequester, ifName: string): Link {
  let link: Link;
  try {
    link = getLink(sock, { name: ifName });
  } catch (error) {
    fail(`could not get link by name ${ifName}`, error);
  }
  if (link.master !== undefined && link.master !== 0) {
    let master: string;
    try {
      master = getLink(sock, { index: link.master }).name;
    } catch (error) {
      fail(
        `interface ${ifName} has already a master set, could not retrieve the name: ${goErrorText(error)}`,
        error,
      );
    }
    fail(`interface ${ifName} has already a master set: ${master}`);
  }
  return link;
}

/**
 * Moves `ifName` into the VRF as upstream's addInterface does: remembers its global IPv6
 * addresses and the routes to carry, sets the VRF as master, adds back the IPv6 addresses
 * the kernel dropped (waiting for their routes in the VRF's table) and replaces the carried
 * routes into that table. The master is taken back on a later failure.
 */
export function enslave(sock: NetlinkRequester, vrf: Link, ifName: string, undo: UndoStack): void {
  const link = freeInterface(sock, ifName);
  const before = readAddressing(sock, link.index);
  try {
    setLinkMaster(sock, link.index, vrf.index);
  } catch (error) {
    fail(`could not set vrf ${vrf.name} as master of ${ifName}: ${goErrorText(error)}`, error);
  }
  undo.defer(`nomaster ${ifName}`, () => setLinkNoMaster(sock, link.index));
  const table = vrfTable(vrf);
  for (const address of droppedIpv6(sock, link.index, before)) {
    try {
      restoreAddress(sock, address);
    } catch (error) {
      fail(
        `could not restore address ${address.address} to ${ifName} @ ${vrf.name}: ${goErrorText(error)}`,
        error,
      );
    }
    waitForAddressRoute(sock, link, table, address.address);
  }
  for (const route of before.routes) {
    try {
      replaceRoute(sock, routeInTable(route, table));
    } catch (error) {
      fail(`could not add route '${route.dst}' to table ${table}: ${goErrorText(error)}`, error);
    }
  }
}
