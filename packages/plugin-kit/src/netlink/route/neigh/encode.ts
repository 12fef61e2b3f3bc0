import { formatIp } from '@cni-ts/spec-types';
import { concatBytes } from '../../codec/attributes.ts';
import { encodeTypedAttributes, formatMac, parseMac } from '../_attribute-table.ts';
import { parseIpBytes } from '../_ip.ts';
import { RTN } from '../route/constants.ts';
import { NEIGHBOUR_ATTRIBUTES } from './attributes.ts';
import { NDMSG_LEN, NUD } from './constants.ts';
import type { NeighbourAttribute, NeighbourMessage, NeighbourSpec } from './types.ts';

/** Encodes a neighbour message body: struct ndmsg, then the attributes in their order. */
export function encodeNeighbourMessage(message: NeighbourMessage): Uint8Array {
  const header = new Uint8Array(NDMSG_LEN);
  const view = new DataView(header.buffer);
  view.setUint8(0, message.family);
  view.setInt32(4, message.index, true);
  view.setUint16(8, message.state, true);
  view.setUint8(10, message.flags);
  view.setUint8(11, message.type);
  const attributes = encodeTypedAttributes(NEIGHBOUR_ATTRIBUTES, message.attributes, message);
  return concatBytes([header, attributes]);
}

/**
 * The RTM_NEWNEIGH (`command: 'new'`) or RTM_DELNEIGH (`'del'`) message for a spec, as
 * iproute2 6.1 `ip neigh add|replace|del` builds it: NDA_DST, NDA_LLADDR, NDA_PROTOCOL;
 * state NUD_PERMANENT unless given (also for delete, as ip), type unspecified.
 */
export function neighbourSpecToMessage(
  spec: NeighbourSpec,
  command: 'new' | 'del',
): NeighbourMessage {
  const what = command === 'new' ? 'addNeighbour' : 'deleteNeighbour';
  const ip = parseIpBytes(spec.ip, `${what} ip`);
  const attributes: NeighbourAttribute[] = [{ kind: 'NDA_DST', value: formatIp(ip.bytes) }];
  if (spec.mac !== undefined) {
    attributes.push({ kind: 'NDA_LLADDR', value: formatMac(parseMac(spec.mac)) });
  }
  if (spec.protocol !== undefined) attributes.push({ kind: 'NDA_PROTOCOL', value: spec.protocol });
  return {
    family: ip.family,
    index: spec.index,
    state: spec.state ?? NUD.PERMANENT,
    flags: spec.flags ?? 0,
    type: RTN.UNSPEC,
    attributes,
  };
}
