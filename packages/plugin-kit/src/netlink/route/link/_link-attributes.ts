// Internal: the link attributes a request sets (for a new link, a veth peer, or a change),
// in the order iproute2 6.1 emits them: the options in command-line order, then IFLA_LINK,
// then IFLA_IFNAME (IFLA_LINKINFO follows, from encode.ts).
import type { RawAttribute } from '../../codec/attributes.ts';
import { decodeFields, encodeFields, type FieldTable, field } from './_fields.ts';
import { IFLA } from './constants.ts';

/** Plain link attributes that a request can set. */
export interface LinkAttributeOptions {
  /** IFLA_MTU */
  readonly mtu?: number;
  /** IFLA_ADDRESS, "aa:bb:cc:dd:ee:ff" */
  readonly mac?: string;
  /** IFLA_TXQLEN */
  readonly txqlen?: number;
  /** IFLA_MASTER; 0 removes the link from its master. */
  readonly master?: number;
  /** IFLA_NET_NS_FD: an open namespace file descriptor the link moves into. */
  readonly netnsFd?: number;
  /** IFLA_NET_NS_PID: the network namespace of this process. */
  readonly netnsPid?: number;
  /** IFLA_IFALIAS */
  readonly alias?: string;
  /** IFLA_LINK: the parent (lower) link's index, e.g. for macvlan, ipvlan, vlan. */
  readonly parent?: number;
  /** IFLA_IFNAME */
  readonly name?: string;
}

const table: FieldTable<LinkAttributeOptions> = {
  mtu: field.u32(IFLA.MTU),
  mac: field.mac(IFLA.ADDRESS),
  txqlen: field.u32(IFLA.TXQLEN),
  master: field.u32(IFLA.MASTER),
  netnsFd: field.u32(IFLA.NET_NS_FD),
  netnsPid: field.u32(IFLA.NET_NS_PID),
  alias: field.text(IFLA.IFALIAS),
  parent: field.u32(IFLA.LINK),
  name: field.string(IFLA.IFNAME),
};

export function encodeLinkAttributeOptions(options: LinkAttributeOptions): Uint8Array[] {
  return encodeFields(table, options);
}

export function decodeLinkAttributeOptions(
  attributes: readonly RawAttribute[],
  path: readonly string[],
): LinkAttributeOptions {
  return decodeFields(table, attributes, path, IFLA, 'IFLA_');
}
