// Bridge port VLANs over rtnetlink (`bridge vlan add|del|show`), which plugin-kit does not
// cover: AF_BRIDGE RTM_SETLINK / RTM_DELLINK carrying IFLA_AF_SPEC { IFLA_BRIDGE_FLAGS,
// IFLA_BRIDGE_VLAN_INFO }, and the AF_BRIDGE RTM_GETLINK dump with RTEXT_FILTER_BRVLAN.
// Requests are built without a socket so tests compare them with iproute2's bytes.
import {
  AF,
  concatBytes,
  DecodeError,
  decodeAttributes,
  IFLA,
  type NetlinkMessage,
  type NetlinkRequest,
  type NetlinkRequester,
  NLM_F,
  nla,
  RTM,
  read,
} from '@cni-ts/plugin-kit';

/** IFLA_BRIDGE_* inside IFLA_AF_SPEC (if_bridge.h). */
export const IFLA_BRIDGE = { FLAGS: 0, MODE: 1, VLAN_INFO: 2 } as const;

/** IFLA_BRIDGE_FLAGS values: the request is for the bridge master (the port's VLANs) or the device itself. */
export const BRIDGE_FLAGS = { MASTER: 1, SELF: 2 } as const;

/** struct bridge_vlan_info flags (BRIDGE_VLAN_INFO_*). */
export const BRIDGE_VLAN_INFO = {
  MASTER: 1 << 0,
  PVID: 1 << 1,
  UNTAGGED: 1 << 2,
  RANGE_BEGIN: 1 << 3,
  RANGE_END: 1 << 4,
} as const;

/** RTEXT_FILTER_BRVLAN: ask a dump for every port's VLAN list. */
export const RTEXT_FILTER_BRVLAN = 1 << 1;

/** One VLAN on a bridge port. */
export interface BridgeVlan {
  readonly vid: number;
  /** Untagged frames arriving on the port are put in this VLAN. */
  readonly pvid?: boolean;
  /** Frames of this VLAN leave the port untagged. */
  readonly untagged?: boolean;
}

const IFINFOMSG_LEN = 16;

function ifinfomsg(index: number): Uint8Array {
  const out = new Uint8Array(IFINFOMSG_LEN);
  const view = new DataView(out.buffer);
  view.setUint8(0, AF.BRIDGE);
  view.setInt32(4, index, true);
  return out;
}

function vlanInfo(vlan: BridgeVlan): Uint8Array {
  const flags =
    (vlan.pvid === true ? BRIDGE_VLAN_INFO.PVID : 0) |
    (vlan.untagged === true ? BRIDGE_VLAN_INFO.UNTAGGED : 0);
  const value = new Uint8Array(4);
  const view = new DataView(value.buffer);
  view.setUint16(0, flags, true);
  view.setUint16(2, vlan.vid, true);
  return nla.bytes(IFLA_BRIDGE.VLAN_INFO, value);
}

function vlanPayload(index: number, vlan: BridgeVlan): Uint8Array {
  return concatBytes([
    ifinfomsg(index),
    nla.nested(IFLA.AF_SPEC, [nla.u16(IFLA_BRIDGE.FLAGS, BRIDGE_FLAGS.MASTER), vlanInfo(vlan)]),
  ]);
}

/**
 * `bridge vlan add dev PORT vid N [pvid] [untagged] master` (AF_BRIDGE RTM_SETLINK), the
 * request upstream's BridgeVlanAdd(link, vid, pvid, untagged, self=false, master=true) sends.
 */
export function addBridgeVlanRequest(index: number, vlan: BridgeVlan): NetlinkRequest {
  return { op: 'RTM_SETLINK', type: RTM.SETLINK, flags: 0, payload: vlanPayload(index, vlan) };
}

/** `bridge vlan del dev PORT vid N master` (AF_BRIDGE RTM_DELLINK). */
export function deleteBridgeVlanRequest(index: number, vlan: BridgeVlan): NetlinkRequest {
  return { op: 'RTM_DELLINK', type: RTM.DELLINK, flags: 0, payload: vlanPayload(index, vlan) };
}

/** `bridge vlan show`: the AF_BRIDGE RTM_GETLINK dump with IFLA_EXT_MASK RTEXT_FILTER_BRVLAN. */
export function dumpBridgeVlansRequest(): NetlinkRequest {
  return {
    op: 'RTM_GETLINK',
    type: RTM.GETLINK,
    flags: NLM_F.DUMP,
    payload: concatBytes([ifinfomsg(0), nla.u32(IFLA.EXT_MASK, RTEXT_FILTER_BRVLAN)]),
  };
}

/**
 * The VLANs of every port in an AF_BRIDGE dump's RTM_NEWLINK replies, by interface index.
 * Ports without IFLA_AF_SPEC VLAN entries (a bridge without VLAN filtering) are absent.
 */
export function decodeBridgeVlans(messages: readonly NetlinkMessage[]): Map<number, BridgeVlan[]> {
  const ports = new Map<number, BridgeVlan[]>();
  for (const message of messages) {
    if (message.type !== RTM.NEWLINK) continue;
    const path = ['RTM_NEWLINK'];
    if (message.payload.length < IFINFOMSG_LEN) {
      throw new DecodeError([...path, 'ifinfomsg'], `needs ${IFINFOMSG_LEN} bytes`);
    }
    const view = new DataView(message.payload.buffer, message.payload.byteOffset, IFINFOMSG_LEN);
    const index = view.getInt32(4, true);
    const attributes = decodeAttributes(message.payload.subarray(IFINFOMSG_LEN), path);
    for (const attribute of attributes) {
      if (attribute.type !== IFLA.AF_SPEC) continue;
      const specPath = [...path, 'IFLA_AF_SPEC'];
      for (const entry of read.nested(attribute, specPath)) {
        if (entry.type !== IFLA_BRIDGE.VLAN_INFO) continue;
        const entryPath = [...specPath, 'IFLA_BRIDGE_VLAN_INFO'];
        const flags = read.u16(entry, entryPath);
        if (entry.value.length < 4) throw new DecodeError(entryPath, 'needs 4 bytes');
        const vid = new DataView(entry.value.buffer, entry.value.byteOffset, 4).getUint16(2, true);
        const vlans = ports.get(index) ?? [];
        vlans.push({
          vid,
          ...((flags & BRIDGE_VLAN_INFO.PVID) !== 0 ? { pvid: true } : {}),
          ...((flags & BRIDGE_VLAN_INFO.UNTAGGED) !== 0 ? { untagged: true } : {}),
        });
        ports.set(index, vlans);
      }
    }
  }
  return ports;
}

/** Adds a VLAN to bridge port `index` (see addBridgeVlanRequest). */
export function addBridgeVlan(sock: NetlinkRequester, index: number, vlan: BridgeVlan): void {
  sock.request(addBridgeVlanRequest(index, vlan));
}

/** Removes a VLAN from bridge port `index` (see deleteBridgeVlanRequest). */
export function deleteBridgeVlan(sock: NetlinkRequester, index: number, vlan: BridgeVlan): void {
  sock.request(deleteBridgeVlanRequest(index, vlan));
}

/** The VLANs of bridge port `index` (`bridge vlan show dev PORT`); [] when it has none. */
export function listBridgeVlans(sock: NetlinkRequester, index: number): BridgeVlan[] {
  return decodeBridgeVlans(sock.request(dumpBridgeVlansRequest())).get(index) ?? [];
}
