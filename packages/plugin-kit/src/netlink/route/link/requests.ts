// The request each link operation sends, built without a socket so tests can compare it
// with the bytes `ip` and `bridge` send.
import { concatBytes, nla } from '../../codec/attributes.ts';
import { AF, NLA_F, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequest } from '../../socket/requester.ts';
import { IFLA, RTEXT_FILTER } from './constants.ts';
import { encodeLinkChanges, encodeNewLink } from './encode.ts';
import { encodeIfInfoMsg } from './ifinfomsg.ts';
import { type BridgePortOptions, encodeBridgePortOptions } from './kinds/bridge-port.ts';
import type { LinkChanges, LinkRef, LinkSpec } from './types.ts';

export interface LinkQueryOptions {
  /** Ask for IFLA_STATS64 and friends (the default leaves them out, as `ip` does for a lookup). */
  readonly stats?: boolean;
}

/** RTM_NEWLINK with NLM_F_CREATE|NLM_F_EXCL: `ip link add …`. */
export function newLinkRequest(spec: LinkSpec): NetlinkRequest {
  return {
    op: 'RTM_NEWLINK',
    type: RTM.NEWLINK,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    payload: encodeNewLink(spec),
  };
}

/**
 * RTM_GETLINK for one link, by index (ifi_index) or by name (IFLA_IFNAME), with IFLA_EXT_MASK
 * RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS, as `ip link show dev X` looks a link up.
 */
export function getLinkRequest(ref: LinkRef, options: LinkQueryOptions = {}): NetlinkRequest {
  const mask = RTEXT_FILTER.VF | (options.stats === true ? 0 : RTEXT_FILTER.SKIP_STATS);
  const payload =
    'index' in ref
      ? concatBytes([encodeIfInfoMsg({ index: ref.index }), nla.u32(IFLA.EXT_MASK, mask)])
      : concatBytes([
          encodeIfInfoMsg({}),
          nla.u32(IFLA.EXT_MASK, mask),
          nla.string(IFLA.IFNAME, ref.name),
        ]);
  return { op: 'RTM_GETLINK', type: RTM.GETLINK, flags: 0, payload };
}

/** RTM_GETLINK dump of every link, as `ip link show` sends it (AF_PACKET, RTEXT_FILTER_VF). */
export function dumpLinksRequest(options: LinkQueryOptions = {}): NetlinkRequest {
  const mask = RTEXT_FILTER.VF | (options.stats === false ? RTEXT_FILTER.SKIP_STATS : 0);
  return {
    op: 'RTM_GETLINK',
    type: RTM.GETLINK,
    flags: NLM_F.DUMP,
    payload: concatBytes([encodeIfInfoMsg({ family: AF.PACKET }), nla.u32(IFLA.EXT_MASK, mask)]),
  };
}

/** RTM_DELLINK by ifi_index (`ip link del dev X`) or by IFLA_IFNAME. */
export function deleteLinkRequest(ref: LinkRef): NetlinkRequest {
  const payload =
    'index' in ref
      ? encodeIfInfoMsg({ index: ref.index })
      : concatBytes([encodeIfInfoMsg({}), nla.string(IFLA.IFNAME, ref.name)]);
  return { op: 'RTM_DELLINK', type: RTM.DELLINK, flags: 0, payload };
}

/**
 * RTM_NEWLINK without NLM_F_CREATE on an existing index: `ip link set dev X …`. iproute2 sends
 * RTM_NEWLINK rather than RTM_SETLINK for link changes; the kernel treats both alike here.
 */
export function setLinkRequest(index: number, changes: LinkChanges): NetlinkRequest {
  return {
    op: 'RTM_NEWLINK',
    type: RTM.NEWLINK,
    flags: 0,
    payload: encodeLinkChanges(index, changes),
  };
}

/** AF_BRIDGE RTM_SETLINK with IFLA_PROTINFO|NLA_F_NESTED: `bridge link set dev X …`. */
export function setBridgePortRequest(index: number, options: BridgePortOptions): NetlinkRequest {
  return {
    op: 'RTM_SETLINK',
    type: RTM.SETLINK,
    flags: 0,
    payload: concatBytes([
      encodeIfInfoMsg({ family: AF.BRIDGE, index }),
      nla.nested(IFLA.PROTINFO | NLA_F.NESTED, encodeBridgePortOptions(options)),
    ]),
  };
}

/** AF_BRIDGE RTM_GETLINK dump, as `bridge link show` sends it: bridge ports with IFLA_PROTINFO. */
export function dumpBridgePortsRequest(): NetlinkRequest {
  return {
    op: 'RTM_GETLINK',
    type: RTM.GETLINK,
    flags: NLM_F.DUMP,
    payload: encodeIfInfoMsg({ family: AF.BRIDGE }),
  };
}
