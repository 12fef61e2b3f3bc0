import { isNotFound } from '../../errors/predicates.ts';
import type { Netns } from '../../netns/netns.ts';
import { NETLINK, NLM_F } from '../codec/constants.ts';
import { openKernelTransport } from '../socket/kernel-transport.ts';
import { NetlinkSocket } from '../socket/netlink-socket.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import {
  type ConntrackDumpFilter,
  type ConntrackEntry,
  decodeEntry,
  encodeDeleteRequest,
  encodeDumpRequest,
  encodeFilteredDumpRequest,
} from './codec.ts';
import { ctMessageType, IPCTNL_MSG, IPPROTO } from './constants.ts';

// Conntrack over ctnetlink, without the conntrack tool: dump a family's table (or the part a
// kernel filter selects), delete entries by their original tuple. The kernel deletes only
// by exact tuple, so (as upstream's netlink library does) entries are dumped and matched
// here.

/** Opens a NETLINK_NETFILTER socket for ctnetlink, in `netns` when given. */
export function openConntrackSocket(options: { netns?: Netns } = {}): NetlinkSocket {
  const { netns } = options;
  return new NetlinkSocket(
    openKernelTransport(NETLINK.NETFILTER, netns === undefined ? {} : { netns }),
  );
}

/** The entries a CT_GET dump with `payload` returns. */
function dumpEntries(sock: NetlinkRequester, payload: Uint8Array): ConntrackEntry[] {
  const replies = sock.request({
    op: 'IPCTNL_MSG_CT_GET',
    type: ctMessageType(IPCTNL_MSG.CT_GET),
    flags: NLM_F.DUMP,
    payload,
  });
  return replies
    .filter((reply) => reply.type === ctMessageType(IPCTNL_MSG.CT_NEW))
    .map((reply) => decodeEntry(reply.payload));
}

/** The conntrack entries of one family (`conntrack -L -f ipv4|ipv6`), or of both. */
export function listConntrack(sock: NetlinkRequester, family?: 4 | 6): ConntrackEntry[] {
  return dumpEntries(sock, encodeDumpRequest(family));
}

/** Deletes one entry; an entry that is gone already is fine. */
export function deleteConntrack(sock: NetlinkRequester, entry: ConntrackEntry): void {
  try {
    sock.request({
      op: 'IPCTNL_MSG_CT_DELETE',
      type: ctMessageType(IPCTNL_MSG.CT_DELETE),
      flags: 0,
      payload: encodeDeleteRequest(entry),
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** The entries a filtered dump returns (all of the family on a kernel older than 5.8). */
export function listConntrackFiltered(
  sock: NetlinkRequester,
  filter: ConntrackDumpFilter,
): ConntrackEntry[] {
  return dumpEntries(sock, encodeFilteredDumpRequest(filter));
}

/**
 * Above this many entries in the namespace, a filtered dump per family and port beats one
 * dump of everything: decoding an entry here costs about 9 µs, and each dump walks the
 * kernel's whole hash (8.6 ms with 262144 buckets), so a thousand entries are about one walk.
 */
export const FILTERED_DUMP_ABOVE = 1000;

/**
 * Deletes the UDP entries of `families` whose original destination port is one of `ports`
 * (`conntrack -D -p udp --orig-port-dst P` per family); returns how many went. With few
 * entries in the table (`tableEntries`, when known) one dump of both families is read and
 * matched here; with many, the kernel filters a dump per family and port, as upstream's
 * netlink library asks per port, so that this process decodes only what matches. An empty
 * table (`tableEntries` 0) has nothing to delete: no dump walks the kernel's hash for it.
 */
export function deleteUdpConntrackByDstPort(
  sock: NetlinkRequester,
  families: readonly (4 | 6)[],
  ports: readonly number[],
  tableEntries?: number,
): number {
  if (families.length === 0 || ports.length === 0 || tableEntries === 0) return 0;
  const wanted = new Set(ports);
  const matches = (entry: ConntrackEntry): boolean =>
    families.includes(entry.family) &&
    entry.orig.protocol === IPPROTO.UDP &&
    entry.orig.dstPort !== undefined &&
    wanted.has(entry.orig.dstPort);
  let stale: ConntrackEntry[];
  if (tableEntries !== undefined && tableEntries > FILTERED_DUMP_ABOVE) {
    stale = families.flatMap((family) =>
      [...wanted].flatMap((dstPort) =>
        listConntrackFiltered(sock, { family, protocol: IPPROTO.UDP, dstPort }).filter(matches),
      ),
    );
  } else {
    const only = families.length === 1 ? families[0] : undefined;
    stale = listConntrack(sock, only).filter(matches);
  }
  for (const entry of stale) deleteConntrack(sock, entry);
  return stale.length;
}
