import { AF } from '../../codec/constants.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { decodeTypedAttributes, definedOnly, lastOf } from '../_attribute-table.ts';
import type { InetFamily } from '../_ip.ts';
import { ADDRESS_ATTRIBUTES } from './attributes.ts';
import { IFADDRMSG_LEN } from './constants.ts';
import type { Address, AddressMessage } from './types.ts';

/**
 * Decodes an address message body (after the netlink header). Malformed input throws
 * DecodeError at `path` (default ['RTM_NEWADDR']), never anything else.
 */
export function decodeAddressMessage(
  payload: Uint8Array,
  path: readonly string[] = ['RTM_NEWADDR'],
): AddressMessage {
  if (payload.length < IFADDRMSG_LEN) {
    throw new DecodeError(
      [...path, 'ifaddrmsg'],
      `needs ${IFADDRMSG_LEN} bytes, has ${payload.length}`,
    );
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const family = view.getUint8(0);
  return {
    family,
    prefixLength: view.getUint8(1),
    flags: view.getUint8(2),
    scope: view.getUint8(3),
    index: view.getUint32(4, true),
    attributes: decodeTypedAttributes(
      ADDRESS_ATTRIBUTES,
      payload.subarray(IFADDRMSG_LEN),
      { family },
      path,
    ),
  };
}

/** True for the families an Address record can hold. */
export function isInetFamily(family: number): family is InetFamily {
  return family === AF.INET || family === AF.INET6;
}

/**
 * The readable record of an address message. Throws DecodeError when the family is not
 * AF_INET/AF_INET6 or the message has neither IFA_LOCAL nor IFA_ADDRESS.
 */
export function toAddress(message: AddressMessage): Address {
  const path = ['RTM_NEWADDR'];
  const { family, attributes } = message;
  if (!isInetFamily(family))
    throw new DecodeError(path, `family ${family} is not AF_INET or AF_INET6`);
  const local = lastOf(attributes, 'IFA_LOCAL');
  const address = lastOf(attributes, 'IFA_ADDRESS');
  const own = local ?? address;
  if (own === undefined) throw new DecodeError(path, 'neither IFA_LOCAL nor IFA_ADDRESS');
  const cacheInfo = lastOf(attributes, 'IFA_CACHEINFO');
  const peer =
    local !== undefined && address !== undefined && address !== local ? address : undefined;
  const optional = {
    peer,
    broadcast: lastOf(attributes, 'IFA_BROADCAST'),
    anycast: lastOf(attributes, 'IFA_ANYCAST'),
    label: lastOf(attributes, 'IFA_LABEL'),
    validLifetime: cacheInfo?.valid,
    preferredLifetime: cacheInfo?.preferred,
    routePriority: lastOf(attributes, 'IFA_RT_PRIORITY'),
    protocol: lastOf(attributes, 'IFA_PROTO'),
  };
  return {
    family,
    index: message.index,
    address: `${own}/${message.prefixLength}`,
    scope: message.scope,
    flags: lastOf(attributes, 'IFA_FLAGS') ?? message.flags,
    ...definedOnly(optional),
    message,
  };
}
