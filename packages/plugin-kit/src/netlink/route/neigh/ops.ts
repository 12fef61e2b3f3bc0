import { NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { NTF } from './constants.ts';
import { decodeNeighbourMessage, toNeighbour } from './decode.ts';
import { encodeNeighbourMessage, neighbourSpecToMessage } from './encode.ts';
import type { Neighbour, NeighbourFilter, NeighbourSpec } from './types.ts';

/**
 * Lists neighbour entries (`ip neigh show [dev …]`, `ip neigh show proxy`): an RTM_GETNEIGH
 * dump, filtered here by link and family. A dump of every family also returns the bridge
 * FDB entries (AF_BRIDGE) of bridge ports.
 */
export function listNeighbours(sock: NetlinkRequester, filter: NeighbourFilter = {}): Neighbour[] {
  const payload = encodeNeighbourMessage({
    family: filter.family ?? 0,
    index: 0,
    state: 0,
    flags: filter.proxy === true ? NTF.PROXY : 0,
    type: 0,
    attributes: [],
  });
  const replies = sock.request({
    op: 'RTM_GETNEIGH',
    type: RTM.GETNEIGH,
    flags: NLM_F.DUMP,
    payload,
  });
  const neighbours: Neighbour[] = [];
  for (const reply of replies) {
    if (reply.type !== RTM.NEWNEIGH) continue;
    const message = decodeNeighbourMessage(reply.payload);
    if (filter.family !== undefined && message.family !== filter.family) continue;
    if (filter.index !== undefined && message.index !== filter.index) continue;
    neighbours.push(toNeighbour(message));
  }
  return neighbours;
}

function send(
  sock: NetlinkRequester,
  spec: NeighbourSpec,
  flags: number,
  command: 'new' | 'del',
): void {
  const payload = encodeNeighbourMessage(neighbourSpecToMessage(spec, command));
  if (command === 'new') {
    sock.request({ op: 'RTM_NEWNEIGH', type: RTM.NEWNEIGH, flags, payload });
  } else {
    sock.request({ op: 'RTM_DELNEIGH', type: RTM.DELNEIGH, flags, payload });
  }
}

/**
 * Adds a neighbour entry (`ip neigh add IP lladdr MAC dev LINK [nud STATE]`): RTM_NEWNEIGH
 * with NLM_F_CREATE|NLM_F_EXCL, permanent unless `state` says otherwise. An entry that is
 * already there fails with EEXIST (isExists).
 */
export function addNeighbour(sock: NetlinkRequester, spec: NeighbourSpec): void {
  send(sock, spec, NLM_F.CREATE | NLM_F.EXCL, 'new');
}

/**
 * Adds a neighbour entry or overwrites the one there (`ip neigh replace …`): RTM_NEWNEIGH
 * with NLM_F_CREATE|NLM_F_REPLACE.
 */
export function replaceNeighbour(sock: NetlinkRequester, spec: NeighbourSpec): void {
  send(sock, spec, NLM_F.CREATE | NLM_F.REPLACE, 'new');
}

/**
 * Deletes a neighbour entry (`ip neigh del IP dev LINK`; `flags: NTF.PROXY` for
 * `ip neigh del proxy …`): RTM_DELNEIGH. A missing entry fails with ENOENT (isNotFound).
 */
export function deleteNeighbour(sock: NetlinkRequester, spec: NeighbourSpec): void {
  send(sock, spec, 0, 'del');
}
