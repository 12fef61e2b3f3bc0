import { type Field, field } from '../_fields.ts';
import { ETH_P } from '../constants.ts';

/** A VLAN protocol: 802.1Q (0x8100) or 802.1ad (0x88a8, QinQ). */
export type VlanProtocol = '802.1Q' | '802.1ad';

/** A big-endian ETH_P_* VLAN protocol attribute (IFLA_VLAN_PROTOCOL, IFLA_BR_VLAN_PROTOCOL). */
export function vlanProtocolField(type: number): Field<VlanProtocol> {
  return field.enumOf(field.be16(type), { '802.1Q': ETH_P['8021Q'], '802.1ad': ETH_P['8021AD'] });
}
