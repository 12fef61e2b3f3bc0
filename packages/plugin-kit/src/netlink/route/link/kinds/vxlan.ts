import { lazy } from '../../../../_lazy.ts';
import { nla } from '../../../codec/attributes.ts';
import { DecodeError } from '../../../codec/decode-error.ts';
import { decodeFields, encodeFields, type Field, type FieldTable, field } from '../_fields.ts';
import { IFLA_VXLAN } from '../constants.ts';
import type { LinkKindCodec } from './kind-codec.ts';

/** IFLA_VXLAN_PORT_RANGE: the UDP source port range (struct ifla_vxlan_port_range, big-endian). */
export interface VxlanPortRange {
  readonly low: number;
  readonly high: number;
}

/**
 * `ip link add NAME type vxlan id VNI [remote|group IP] [local IP] [dev PARENT] [dstport P] …`.
 * IPs are text; the family picks IFLA_VXLAN_GROUP/LOCAL or GROUP6/LOCAL6.
 */
export interface VxlanOptions {
  /** IFLA_VXLAN_LINK: the underlay device index (`dev`). */
  readonly dev?: number;
  readonly ttl?: number;
  readonly tos?: number;
  readonly proxy?: boolean;
  readonly rsc?: boolean;
  readonly l2miss?: boolean;
  readonly l3miss?: boolean;
  readonly udpCsum?: boolean;
  readonly udpZeroCsum6Tx?: boolean;
  readonly udpZeroCsum6Rx?: boolean;
  readonly ageing?: number;
  readonly limit?: number;
  readonly collectMetadata?: boolean;
  /** IFLA_VXLAN_LABEL (IPv6 flow label), big-endian. */
  readonly label?: number;
  readonly ttlInherit?: boolean;
  readonly gbp?: boolean;
  /** The VNI (IFLA_VXLAN_ID). */
  readonly id?: number;
  readonly local?: string;
  /** IFLA_VXLAN_GROUP/GROUP6: the unicast remote, or the multicast group. */
  readonly remote?: string;
  readonly learning?: boolean;
  /** IFLA_VXLAN_PORT: the destination UDP port, big-endian on the wire. */
  readonly port?: number;
  readonly portRange?: VxlanPortRange;
  readonly localBypass?: boolean;
}

export type VxlanInfo = VxlanOptions;

const portRangeField: Field<VxlanPortRange> = {
  types: [IFLA_VXLAN.PORT_RANGE],
  encode: (v) => {
    const out = new Uint8Array(4);
    const view = new DataView(out.buffer);
    view.setUint16(0, v.low, false);
    view.setUint16(2, v.high, false);
    return nla.bytes(IFLA_VXLAN.PORT_RANGE, out);
  },
  decode: (a, p) => {
    if (a.value.length < 4) throw new DecodeError(p, `needs 4 bytes, has ${a.value.length}`);
    const view = new DataView(a.value.buffer, a.value.byteOffset, 4);
    return { low: view.getUint16(0, false), high: view.getUint16(2, false) };
  },
};

// The order is iproute2 6.1's: options emitted while parsing (dev … udpcsum), then the id,
// the addresses, learning and the port emitted after.
const table = lazy(
  (): FieldTable<VxlanOptions> => ({
    dev: field.u32(IFLA_VXLAN.LINK),
    ttl: field.u8(IFLA_VXLAN.TTL),
    tos: field.u8(IFLA_VXLAN.TOS),
    proxy: field.bool(IFLA_VXLAN.PROXY),
    rsc: field.bool(IFLA_VXLAN.RSC),
    l2miss: field.bool(IFLA_VXLAN.L2MISS),
    l3miss: field.bool(IFLA_VXLAN.L3MISS),
    udpCsum: field.bool(IFLA_VXLAN.UDP_CSUM),
    udpZeroCsum6Tx: field.bool(IFLA_VXLAN.UDP_ZERO_CSUM6_TX),
    udpZeroCsum6Rx: field.bool(IFLA_VXLAN.UDP_ZERO_CSUM6_RX),
    ageing: field.u32(IFLA_VXLAN.AGEING),
    limit: field.u32(IFLA_VXLAN.LIMIT),
    collectMetadata: field.bool(IFLA_VXLAN.COLLECT_METADATA),
    label: field.be32(IFLA_VXLAN.LABEL),
    ttlInherit: field.flag(IFLA_VXLAN.TTL_INHERIT),
    gbp: field.flag(IFLA_VXLAN.GBP),
    id: field.u32(IFLA_VXLAN.ID),
    local: field.ip(IFLA_VXLAN.LOCAL, IFLA_VXLAN.LOCAL6),
    remote: field.ip(IFLA_VXLAN.GROUP, IFLA_VXLAN.GROUP6),
    learning: field.bool(IFLA_VXLAN.LEARNING),
    port: field.be16(IFLA_VXLAN.PORT),
    portRange: portRangeField,
    localBypass: field.bool(IFLA_VXLAN.LOCALBYPASS),
  }),
);

/** `type vxlan`: IFLA_VXLAN_* inside IFLA_INFO_DATA. */
export const vxlanKind: LinkKindCodec<VxlanOptions, VxlanInfo> = {
  kind: 'vxlan',
  encodeData: (options) => encodeFields(table(), options),
  decodeData: (attributes, path) =>
    decodeFields(table(), attributes, path, IFLA_VXLAN, 'IFLA_VXLAN_'),
};
