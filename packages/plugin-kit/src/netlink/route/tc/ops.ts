import { NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { decodeFilterMessage, decodeQdiscMessage, toFilter, toQdisc } from './decode.ts';
import {
  encodeFilterMessage,
  encodeQdiscMessage,
  filterQueryToMessage,
  filterSpecToMessage,
  filterTargetToMessage,
  qdiscSpecToMessage,
  qdiscTargetToMessage,
} from './encode.ts';
import type {
  Filter,
  FilterMessage,
  FilterQuery,
  FilterSpec,
  FilterTarget,
  Qdisc,
  QdiscMessage,
  QdiscQuery,
  QdiscSpec,
  QdiscTarget,
} from './types.ts';

function qdiscMessage(qdisc: QdiscSpec | QdiscMessage): QdiscMessage {
  return 'attributes' in qdisc ? qdisc : qdiscSpecToMessage(qdisc);
}

function filterMessage(filter: FilterSpec | FilterMessage): FilterMessage {
  return 'attributes' in filter ? filter : filterSpecToMessage(filter);
}

/**
 * Lists qdiscs (`tc -s qdisc show [dev X]`): an RTM_GETQDISC dump. The kernel dumps every
 * link's qdiscs whatever the request says; `query.index` is applied here.
 */
export function listQdiscs(sock: NetlinkRequester, query: QdiscQuery = {}): Qdisc[] {
  const payload = encodeQdiscMessage(qdiscTargetToMessage({ index: query.index ?? 0, parent: 0 }));
  const replies = sock.request({
    op: 'RTM_GETQDISC',
    type: RTM.GETQDISC,
    flags: NLM_F.DUMP,
    payload,
  });
  const qdiscs: Qdisc[] = [];
  for (const reply of replies) {
    if (reply.type !== RTM.NEWQDISC) continue;
    const qdisc = toQdisc(decodeQdiscMessage(reply.payload));
    if (query.index === undefined || qdisc.index === query.index) qdiscs.push(qdisc);
  }
  return qdiscs;
}

function sendQdisc(sock: NetlinkRequester, qdisc: QdiscSpec | QdiscMessage, flags: number): void {
  const payload = encodeQdiscMessage(qdiscMessage(qdisc));
  sock.request({ op: 'RTM_NEWQDISC', type: RTM.NEWQDISC, flags, payload });
}

/**
 * Adds a qdisc (`tc qdisc add dev X …`): RTM_NEWQDISC with NLM_F_CREATE|NLM_F_EXCL. A spec is
 * built as tc builds it (qdiscSpecToMessage); a QdiscMessage is sent as it is (for example
 * the bandwidth plugin's, see bandwidth.ts). A qdisc already at that place fails with EEXIST
 * (isExists).
 */
export function addQdisc(sock: NetlinkRequester, qdisc: QdiscSpec | QdiscMessage): void {
  sendQdisc(sock, qdisc, NLM_F.CREATE | NLM_F.EXCL);
}

/**
 * Adds a qdisc or replaces the one at its place (`tc qdisc replace dev X …`): RTM_NEWQDISC
 * with NLM_F_CREATE|NLM_F_REPLACE.
 */
export function replaceQdisc(sock: NetlinkRequester, qdisc: QdiscSpec | QdiscMessage): void {
  sendQdisc(sock, qdisc, NLM_F.CREATE | NLM_F.REPLACE);
}

/**
 * Deletes a qdisc (`tc qdisc del dev X root`, `… ingress`, `… parent P handle H`):
 * RTM_DELQDISC. A link without such a qdisc fails with ENOENT (isNotFound), deleting a
 * default qdisc ("noqueue 0:") too. A Qdisc from listQdiscs can be passed as it is.
 */
export function deleteQdisc(sock: NetlinkRequester, target: QdiscTarget): void {
  const payload = encodeQdiscMessage(qdiscTargetToMessage(target));
  sock.request({ op: 'RTM_DELQDISC', type: RTM.DELQDISC, flags: 0, payload });
}

/**
 * Lists the filters of a link's qdisc or class (`tc filter show dev X parent P [protocol …]
 * [pref …]`): an RTM_GETTFILTER dump. A u32 filter shows as several entries: the priority's
 * head (handle 0), its hash table ("800:", with a divisor) and each node ("800::800").
 */
export function listFilters(sock: NetlinkRequester, query: FilterQuery): Filter[] {
  const payload = encodeFilterMessage(filterQueryToMessage(query));
  const replies = sock.request({
    op: 'RTM_GETTFILTER',
    type: RTM.GETTFILTER,
    flags: NLM_F.DUMP,
    payload,
  });
  return replies
    .filter((reply) => reply.type === RTM.NEWTFILTER)
    .map((reply) => toFilter(decodeFilterMessage(reply.payload)));
}

/**
 * Adds a filter (`tc filter add dev X parent P protocol … [prio N] u32 …`): RTM_NEWTFILTER
 * with NLM_F_CREATE|NLM_F_EXCL. A spec is built as tc builds it (filterSpecToMessage); a
 * FilterMessage is sent as it is. A missing parent qdisc fails with EINVAL and the kernel's
 * text in the extended ack.
 */
export function addFilter(sock: NetlinkRequester, filter: FilterSpec | FilterMessage): void {
  const payload = encodeFilterMessage(filterMessage(filter));
  sock.request({
    op: 'RTM_NEWTFILTER',
    type: RTM.NEWTFILTER,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    payload,
  });
}

/**
 * Deletes a filter (`tc filter del dev X parent P protocol PROTO pref N [handle H] [kind]`):
 * RTM_DELTFILTER. Without a handle the whole priority goes. A Filter from listFilters can be
 * passed as it is. A missing one fails with ENOENT (isNotFound).
 */
export function deleteFilter(sock: NetlinkRequester, target: FilterTarget): void {
  const payload = encodeFilterMessage(filterTargetToMessage(target));
  sock.request({ op: 'RTM_DELTFILTER', type: RTM.DELTFILTER, flags: 0, payload });
}
