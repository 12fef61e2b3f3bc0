import {
  addLink,
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  listLinks,
  type NetlinkRequester,
  setLinkUp,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

/** A VRF's routing table id (IFLA_VRF_TABLE), 0 when the kernel did not say. */
export function vrfTable(link: Link): number {
  return link.kindData?.kind === 'vrf' ? (link.kindData.table ?? 0) : 0;
}

/**
 * The VRF named `name` (`ip -d link show NAME`), undefined when there is no such link;
 * another kind of link by that name fails with upstream's `Netlink NAME is not a VRF`.
 */
export function findVrf(sock: NetlinkRequester, name: string): Link | undefined {
  let link: Link;
  try {
    link = getLink(sock, { name });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  if (link.kind !== 'vrf') fail(`Netlink ${name} is not a VRF`);
  return link;
}

/** The lowest table id from 1 that none of the VRFs among `links` uses. */
export function freeTableId(links: readonly Link[]): number {
  const taken = new Set(links.filter((link) => link.kind === 'vrf').map(vrfTable));
  let table = 1;
  while (taken.has(table)) table++;
  return table;
}

/**
 * Creates the VRF and sets it up, as upstream: `ip link add NAME type vrf table N` (N from
 * {@link freeTableId} when `table` is 0), then `ip link set dev NAME up`. Fails with
 * `could not add VRF NAME: …` (a kernel without VRF answers "operation not supported").
 */
export function createVrf(sock: NetlinkRequester, name: string, table: number): Link {
  const id = table === 0 ? freeTableId(listLinks(sock)) : table;
  try {
    addLink(sock, { name, kind: 'vrf', table: id });
  } catch (error) {
    fail(`could not add VRF ${name}: ${goErrorText(error)}`, error);
  }
  const link = getLink(sock, { name });
  try {
    setLinkUp(sock, link.index);
  } catch (error) {
    fail(`could not set link up for VRF ${name}: ${goErrorText(error)}`, error);
  }
  return link;
}

/** The links whose master is the VRF. */
export function vrfMembers(sock: NetlinkRequester, vrf: Link): Link[] {
  return listLinks(sock, { master: vrf.index });
}
