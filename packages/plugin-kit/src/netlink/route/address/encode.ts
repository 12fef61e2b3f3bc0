import { formatIp } from '@cni-ts/spec-types';
import { concatBytes } from '../../codec/attributes.ts';
import { AF } from '../../codec/constants.ts';
import { encodeTypedAttributes } from '../_attribute-table.ts';
import { broadcastOf, parseIpBytes, parsePrefixBytes } from '../_ip.ts';
import { RT_SCOPE } from '../route/constants.ts';
import { ADDRESS_ATTRIBUTES } from './attributes.ts';
import { IFADDRMSG_LEN, INFINITY_LIFE_TIME } from './constants.ts';
import type { AddressAttribute, AddressMessage, AddressSpec } from './types.ts';

/** Encodes an address message body: struct ifaddrmsg, then the attributes in their order. */
export function encodeAddressMessage(message: AddressMessage): Uint8Array {
  const header = new Uint8Array(IFADDRMSG_LEN);
  const view = new DataView(header.buffer);
  view.setUint8(0, message.family);
  view.setUint8(1, message.prefixLength);
  view.setUint8(2, message.flags);
  view.setUint8(3, message.scope);
  view.setUint32(4, message.index >>> 0, true);
  const attributes = encodeTypedAttributes(ADDRESS_ATTRIBUTES, message.attributes, message);
  return concatBytes([header, attributes]);
}

function lifetimes(spec: AddressSpec, what: string): AddressAttribute | undefined {
  if (spec.validLifetime === undefined && spec.preferredLifetime === undefined) return undefined;
  const valid = spec.validLifetime ?? INFINITY_LIFE_TIME;
  const preferred = spec.preferredLifetime ?? INFINITY_LIFE_TIME;
  if (valid === 0) throw new TypeError(`${what}: validLifetime must not be 0`);
  if (preferred > valid) throw new TypeError(`${what}: preferredLifetime exceeds validLifetime`);
  return { kind: 'IFA_CACHEINFO', value: { preferred, valid, created: 0, updated: 0 } };
}

/**
 * The RTM_NEWADDR (`command: 'new'`) or RTM_DELADDR (`'del'`) message for a spec, attribute
 * for attribute what iproute2 6.1 sends for the same `ip addr add|replace|del` command:
 * IFA_LOCAL, an explicit IFA_BROADCAST, IFA_LABEL, IFA_FLAGS (flags above 0xff), IFA_ADDRESS
 * (the peer, else the local address), a computed IFA_BROADCAST (as `brd +`), IFA_CACHEINFO.
 */
export function addressSpecToMessage(spec: AddressSpec, command: 'new' | 'del'): AddressMessage {
  const what = command === 'new' ? 'addAddress' : 'deleteAddress';
  const local = parsePrefixBytes(spec.address, `${what} address`);
  const family = local.family;
  const peer = spec.peer === undefined ? undefined : parseIpBytes(spec.peer, `${what} peer`);
  if (peer !== undefined && peer.family !== family) {
    throw new TypeError(`${what}: peer ${spec.peer} is not of the address's family`);
  }
  const flags = spec.flags ?? 0;
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) {
    throw new TypeError(`${what}: flags ${flags} out of range`);
  }
  const attributes: AddressAttribute[] = [{ kind: 'IFA_LOCAL', value: formatIp(local.bytes) }];
  const isV4 = family === AF.INET;
  let computedBroadcast: string | undefined;
  if (command === 'new' && isV4) {
    if (typeof spec.broadcast === 'string') {
      attributes.push({ kind: 'IFA_BROADCAST', value: parseIpText(spec.broadcast, what) });
    } else if (spec.broadcast === undefined && local.prefix <= 30) {
      computedBroadcast = formatIp(broadcastOf(local.bytes, local.prefix));
    }
  }
  if (spec.label !== undefined) attributes.push({ kind: 'IFA_LABEL', value: spec.label });
  if (command === 'new' && flags > 0xff) attributes.push({ kind: 'IFA_FLAGS', value: flags });
  attributes.push({ kind: 'IFA_ADDRESS', value: formatIp((peer ?? local).bytes) });
  if (computedBroadcast !== undefined)
    attributes.push({ kind: 'IFA_BROADCAST', value: computedBroadcast });
  const cacheInfo = command === 'new' ? lifetimes(spec, what) : undefined;
  if (cacheInfo !== undefined) attributes.push(cacheInfo);
  const loopback = isV4 && local.bytes[0] === 127;
  const defaultScope = command === 'new' && loopback ? RT_SCOPE.HOST : RT_SCOPE.UNIVERSE;
  return {
    family,
    prefixLength: local.prefix,
    flags: command === 'new' && flags <= 0xff ? flags : 0,
    scope: spec.scope ?? defaultScope,
    index: spec.index,
    attributes,
  };
}

function parseIpText(text: string, what: string): string {
  const ip = parseIpBytes(text, `${what} broadcast`);
  if (ip.family !== AF.INET) throw new TypeError(`${what}: broadcast ${text} is not IPv4`);
  return formatIp(ip.bytes);
}
