import { decodeAttributes, read } from '../../codec/attributes.ts';
import { RTM } from '../../codec/constants.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import type { NetlinkMessage } from '../../codec/header.ts';
import { IFINFOMSG_LEN, IFLA } from '../link/constants.ts';
import { BRIDGE_VLAN_INFO, IFLA_BRIDGE } from './constants.ts';
import type { BridgeVlan } from './types.ts';

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
