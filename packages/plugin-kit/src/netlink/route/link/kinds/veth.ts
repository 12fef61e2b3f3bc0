import { concatBytes, decodeAttributes, indexAttributes, nla } from '../../../codec/attributes.ts';
import {
  decodeLinkAttributeOptions,
  encodeLinkAttributeOptions,
  type LinkAttributeOptions,
} from '../_link-attributes.ts';
import { IFINFOMSG_LEN, VETH_INFO } from '../constants.ts';
import { decodeIfInfoMsg, encodeIfInfoMsg } from '../ifinfomsg.ts';
import type { LinkKindCodec } from './kind-codec.ts';

/**
 * The other end of a veth pair. With `netnsFd` the peer is created straight inside that
 * namespace (`ip link add A type veth peer name B netns NS`).
 */
export type VethPeer = Pick<
  LinkAttributeOptions,
  'name' | 'mac' | 'mtu' | 'txqlen' | 'netnsFd' | 'netnsPid' | 'alias'
>;

export interface VethOptions {
  readonly peer?: VethPeer;
}

/**
 * What IFLA_INFO_DATA of a veth holds. Only requests carry VETH_INFO_PEER: the kernel's
 * dump has no veth data, and names the peer through IFLA_LINK (+ IFLA_LINK_NETNSID) instead.
 */
export type VethInfo = VethOptions;

/** `type veth`: VETH_INFO_PEER holds a struct ifinfomsg followed by the peer's attributes. */
export const vethKind: LinkKindCodec<VethOptions, VethInfo> = {
  kind: 'veth',
  encodeData: (options) => {
    if (options.peer === undefined) return [];
    return [
      nla.bytes(
        VETH_INFO.PEER,
        concatBytes([encodeIfInfoMsg({}), ...encodeLinkAttributeOptions(options.peer)]),
      ),
    ];
  },
  decodeData: (attributes, path) => {
    const peer = indexAttributes(attributes).get(VETH_INFO.PEER);
    if (peer === undefined) return {};
    const peerPath = [...path, 'VETH_INFO_PEER'];
    decodeIfInfoMsg(peer.value, peerPath);
    const peerAttributes = decodeAttributes(peer.value.subarray(IFINFOMSG_LEN), peerPath);
    return { peer: decodeLinkAttributeOptions(peerAttributes, peerPath) };
  },
};
