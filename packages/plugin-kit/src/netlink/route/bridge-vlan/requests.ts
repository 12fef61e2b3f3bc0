// Bridge port VLAN requests (`bridge vlan add|del|show`): AF_BRIDGE RTM_SETLINK /
// RTM_DELLINK carrying IFLA_AF_SPEC { IFLA_BRIDGE_FLAGS, IFLA_BRIDGE_VLAN_INFO }, and the
// AF_BRIDGE RTM_GETLINK dump with RTEXT_FILTER_BRVLAN. Built without a socket, so tests
// compare them with iproute2's bytes.
import { concatBytes, nla } from '../../codec/attributes.ts';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequest } from '../../socket/requester.ts';
import { IFINFOMSG_LEN, IFLA, RTEXT_FILTER } from '../link/constants.ts';
import { BRIDGE_FLAGS, BRIDGE_VLAN_INFO, IFLA_BRIDGE } from './constants.ts';
import type { BridgeVlan } from './types.ts';

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
    payload: concatBytes([ifinfomsg(0), nla.u32(IFLA.EXT_MASK, RTEXT_FILTER.BRVLAN)]),
  };
}
