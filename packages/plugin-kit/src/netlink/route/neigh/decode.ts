import { DecodeError } from '../../codec/decode-error.ts';
import { decodeTypedAttributes, definedOnly, lastOf } from '../_attribute-table.ts';
import { NEIGHBOUR_ATTRIBUTES } from './attributes.ts';
import { NDMSG_LEN } from './constants.ts';
import type { Neighbour, NeighbourMessage } from './types.ts';

/**
 * Decodes a neighbour message body (after the netlink header). Malformed input throws
 * DecodeError at `path` (default ['RTM_NEWNEIGH']), never anything else.
 */
export function decodeNeighbourMessage(
  payload: Uint8Array,
  path: readonly string[] = ['RTM_NEWNEIGH'],
): NeighbourMessage {
  if (payload.length < NDMSG_LEN) {
    throw new DecodeError([...path, 'ndmsg'], `needs ${NDMSG_LEN} bytes, has ${payload.length}`);
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const family = view.getUint8(0);
  return {
    family,
    index: view.getInt32(4, true),
    state: view.getUint16(8, true),
    flags: view.getUint8(10),
    type: view.getUint8(11),
    attributes: decodeTypedAttributes(
      NEIGHBOUR_ATTRIBUTES,
      payload.subarray(NDMSG_LEN),
      { family },
      path,
    ),
  };
}

/** The readable record of a neighbour message. */
export function toNeighbour(message: NeighbourMessage): Neighbour {
  const { attributes } = message;
  const optional = {
    ip: lastOf(attributes, 'NDA_DST'),
    mac: lastOf(attributes, 'NDA_LLADDR'),
    probes: lastOf(attributes, 'NDA_PROBES'),
    vlan: lastOf(attributes, 'NDA_VLAN'),
    master: lastOf(attributes, 'NDA_MASTER'),
    protocol: lastOf(attributes, 'NDA_PROTOCOL'),
    cacheInfo: lastOf(attributes, 'NDA_CACHEINFO'),
  };
  return {
    family: message.family,
    index: message.index,
    state: message.state,
    flags: message.flags,
    type: message.type,
    ...definedOnly(optional),
    message,
  };
}
