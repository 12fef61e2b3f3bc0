import { isNotFound } from '../../errors/predicates.ts';
import type { Netns } from '../../netns/netns.ts';
import { NETLINK, NLM_F } from '../codec/constants.ts';
import { openKernelTransport } from '../socket/kernel-transport.ts';
import { NetlinkSocket } from '../socket/netlink-socket.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import {
  type ConntrackEntry,
  decodeEntry,
  encodeDeleteRequest,
  encodeDumpRequest,
} from './codec.ts';
import { ctMessageType, IPCTNL_MSG, IPPROTO } from './constants.ts';

// Conntrack over ctnetlink, without the conntrack tool: dump a family's table, delete
// entries by their original tuple. The kernel filters nothing for us on delete, so (as
// upstream's netlink library does) the table is dumped and matched here.

/** Opens a NETLINK_NETFILTER socket for ctnetlink, in `netns` when given. */
export function openConntrackSocket(options: { netns?: Netns } = {}): NetlinkSocket {
  const { netns } = options;
  return new NetlinkSocket(
    openKernelTransport(NETLINK.NETFILTER, netns === undefined ? {} : { netns }),
  );
}

/** The conntrack entries of one family (`conntrack -L -f ipv4|ipv6`), or of both. */
export function listConntrack(sock: NetlinkRequester, family?: 4 | 6): ConntrackEntry[] {
  const replies = sock.request({
    op: 'IPCTNL_MSG_CT_GET',
    type: ctMessageType(IPCTNL_MSG.CT_GET),
    flags: NLM_F.DUMP,
    payload: encodeDumpRequest(family),
  });
  return replies
    .filter((reply) => reply.type === ctMessageType(IPCTNL_MSG.CT_NEW))
    .map((reply) => decodeEntry(reply.payload));
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

/**
 * Deletes the UDP entries of `families` whose original destination port is one of `ports`
 * (`conntrack -D -p udp --orig-port-dst P` per family), from one dump of both families;
 * returns how many went.
 */
export function deleteUdpConntrackByDstPort(
  sock: NetlinkRequester,
  families: readonly (4 | 6)[],
  ports: readonly number[],
): number {
  if (families.length === 0 || ports.length === 0) return 0;
  const wanted = new Set(ports);
  const only = families.length === 1 ? families[0] : undefined;
  const stale = listConntrack(sock, only).filter(
    (entry) =>
      families.includes(entry.family) &&
      entry.orig.protocol === IPPROTO.UDP &&
      entry.orig.dstPort !== undefined &&
      wanted.has(entry.orig.dstPort),
  );
  for (const entry of stale) deleteConntrack(sock, entry);
  return stale.length;
}
