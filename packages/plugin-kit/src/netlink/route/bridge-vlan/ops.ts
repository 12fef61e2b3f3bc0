import type { NetlinkRequester } from '../../socket/requester.ts';
import { decodeBridgeVlans } from './decode.ts';
import {
  addBridgeVlanRequest,
  deleteBridgeVlanRequest,
  dumpBridgeVlansRequest,
} from './requests.ts';
import type { BridgeVlan } from './types.ts';

/** Adds a VLAN to bridge port `index`: `bridge vlan add dev PORT vid N [pvid] [untagged] master`. */
export function addBridgeVlan(sock: NetlinkRequester, index: number, vlan: BridgeVlan): void {
  sock.request(addBridgeVlanRequest(index, vlan));
}

/** Removes a VLAN from bridge port `index`: `bridge vlan del dev PORT vid N master`. */
export function deleteBridgeVlan(sock: NetlinkRequester, index: number, vlan: BridgeVlan): void {
  sock.request(deleteBridgeVlanRequest(index, vlan));
}

/** The VLANs of bridge port `index` (`bridge vlan show dev PORT`); [] when it has none. */
export function listBridgeVlans(sock: NetlinkRequester, index: number): BridgeVlan[] {
  return decodeBridgeVlans(sock.request(dumpBridgeVlansRequest())).get(index) ?? [];
}

/**
 * Makes `vlans` the VLANs of bridge port `index`: the port's other VLANs are removed first
 * (all of them, the default VLAN 1 included, unless `keepExisting`), then each of `vlans`
 * is added (adding one that is there updates its flags).
 */
export function setBridgePortVlans(
  sock: NetlinkRequester,
  index: number,
  vlans: readonly BridgeVlan[],
  options: { readonly keepExisting?: boolean } = {},
): void {
  if (options.keepExisting !== true) {
    const wanted = new Set(vlans.map((vlan) => vlan.vid));
    for (const vlan of listBridgeVlans(sock, index)) {
      if (!wanted.has(vlan.vid)) deleteBridgeVlan(sock, index, vlan);
    }
  }
  for (const vlan of vlans) addBridgeVlan(sock, index, vlan);
}
