import { lazy } from '../../../../_lazy.ts';
import { nla } from '../../../codec/attributes.ts';
import { DecodeError } from '../../../codec/decode-error.ts';
import { decodeFields, encodeFields, type Field, type FieldTable, field } from '../_fields.ts';
import { IFLA_VLAN, VLAN_FLAG } from '../constants.ts';
import { type VlanProtocol, vlanProtocolField } from './_vlan-protocol.ts';
import type { LinkKindCodec } from './kind-codec.ts';

/** struct ifla_vlan_flags as booleans: a set field goes into the mask, true ones into the flags. */
export interface VlanFlags {
  readonly reorderHdr?: boolean;
  readonly gvrp?: boolean;
  readonly looseBinding?: boolean;
  readonly mvrp?: boolean;
  readonly bridgeBinding?: boolean;
}

/** `ip link add link PARENT name NAME type vlan [protocol P] id ID [reorder_hdr on|off] …`. */
export interface VlanOptions {
  readonly protocol?: VlanProtocol;
  readonly id?: number;
  readonly flags?: VlanFlags;
}

export type VlanInfo = VlanOptions;

const bits: Readonly<Record<keyof VlanFlags, number>> = {
  reorderHdr: VLAN_FLAG.REORDER_HDR,
  gvrp: VLAN_FLAG.GVRP,
  looseBinding: VLAN_FLAG.LOOSE_BINDING,
  mvrp: VLAN_FLAG.MVRP,
  bridgeBinding: VLAN_FLAG.BRIDGE_BINDING,
};
const names = Object.keys(bits) as (keyof VlanFlags)[];

/** IFLA_VLAN_FLAGS: struct ifla_vlan_flags { __u32 flags; __u32 mask; }. */
const flagsField: Field<VlanFlags> = {
  types: [IFLA_VLAN.FLAGS],
  encode: (v) => {
    let flags = 0;
    let mask = 0;
    for (const name of names) {
      const value = v[name];
      if (value === undefined) continue;
      mask |= bits[name];
      if (value) flags |= bits[name];
    }
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint32(0, flags, true);
    view.setUint32(4, mask, true);
    return nla.bytes(IFLA_VLAN.FLAGS, out);
  },
  decode: (a, p) => {
    if (a.value.length < 8) throw new DecodeError(p, `needs 8 bytes, has ${a.value.length}`);
    const view = new DataView(a.value.buffer, a.value.byteOffset, 8);
    const flags = view.getUint32(0, true);
    const mask = view.getUint32(4, true);
    const out: { -readonly [K in keyof VlanFlags]: boolean } = {};
    for (const name of names) if ((mask & bits[name]) !== 0) out[name] = (flags & bits[name]) !== 0;
    return out;
  },
};

// iproute2 6.1 emits protocol and id while parsing, the flags after.
const table = lazy(
  (): FieldTable<VlanOptions> => ({
    protocol: vlanProtocolField(IFLA_VLAN.PROTOCOL),
    id: field.u16(IFLA_VLAN.ID),
    flags: flagsField,
  }),
);

/** `type vlan`: IFLA_VLAN_* inside IFLA_INFO_DATA. */
export const vlanKind: LinkKindCodec<VlanOptions, VlanInfo> = {
  kind: 'vlan',
  encodeData: (options) => encodeFields(table(), options),
  decodeData: (attributes, path) =>
    decodeFields(table(), attributes, path, IFLA_VLAN, 'IFLA_VLAN_'),
};
