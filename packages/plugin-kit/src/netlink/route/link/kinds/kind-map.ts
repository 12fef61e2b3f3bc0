import type { RawAttribute } from '../../../codec/attributes.ts';
import { type BridgeInfo, type BridgeOptions, bridgeKind } from './bridge.ts';
import { type DummyOptions, dummyKind } from './dummy.ts';
import { type IfbOptions, ifbKind } from './ifb.ts';
import { type IpvlanInfo, type IpvlanOptions, ipvlanKind } from './ipvlan.ts';
import type { LinkKindCodec } from './kind-codec.ts';
import { type MacvlanInfo, type MacvlanOptions, macvlanKind } from './macvlan.ts';
import { type TunInfo, tunKind } from './tun.ts';
import { type VethInfo, type VethOptions, vethKind } from './veth.ts';
import { type VlanInfo, type VlanOptions, vlanKind } from './vlan.ts';
import { type VrfInfo, type VrfOptions, vrfKind } from './vrf.ts';
import { type VxlanInfo, type VxlanOptions, vxlanKind } from './vxlan.ts';

/** The kind-specific part of a new link: `kind` plus that kind's options. */
export type LinkKindSpec =
  | ({ readonly kind: 'veth' } & VethOptions)
  | ({ readonly kind: 'bridge' } & BridgeOptions)
  | ({ readonly kind: 'macvlan' } & MacvlanOptions)
  | ({ readonly kind: 'ipvlan' } & IpvlanOptions)
  | ({ readonly kind: 'vlan' } & VlanOptions)
  | ({ readonly kind: 'dummy' } & DummyOptions)
  | ({ readonly kind: 'ifb' } & IfbOptions)
  | ({ readonly kind: 'vxlan' } & VxlanOptions)
  | ({ readonly kind: 'vrf' } & VrfOptions);

/** Decoded IFLA_INFO_DATA of a kind this library knows, tagged with the kind. */
export type LinkKindInfo =
  | ({ readonly kind: 'veth' } & VethInfo)
  | ({ readonly kind: 'bridge' } & BridgeInfo)
  | ({ readonly kind: 'macvlan' } & MacvlanInfo)
  | ({ readonly kind: 'ipvlan' } & IpvlanInfo)
  | ({ readonly kind: 'vlan' } & VlanInfo)
  | ({ readonly kind: 'dummy' } & DummyOptions)
  | ({ readonly kind: 'ifb' } & IfbOptions)
  | ({ readonly kind: 'vxlan' } & VxlanInfo)
  | ({ readonly kind: 'vrf' } & VrfInfo)
  | ({ readonly kind: 'tun' } & TunInfo);

/** The kinds this library encodes and decodes, by IFLA_INFO_KIND. A static map: nothing registers at import. */
export const linkKinds = {
  veth: vethKind,
  bridge: bridgeKind,
  macvlan: macvlanKind,
  ipvlan: ipvlanKind,
  vlan: vlanKind,
  dummy: dummyKind,
  ifb: ifbKind,
  vxlan: vxlanKind,
  vrf: vrfKind,
  tun: tunKind,
} as const satisfies Record<LinkKindInfo['kind'], LinkKindCodec<never, object>>;

export type KnownLinkKind = keyof typeof linkKinds;

export function isKnownLinkKind(kind: string): kind is KnownLinkKind {
  return Object.hasOwn(linkKinds, kind);
}

/** IFLA_INFO_DATA attributes for a new link of this kind (empty: no IFLA_INFO_DATA). */
export function encodeKindData(spec: LinkKindSpec): Uint8Array[] {
  // Each codec reads only the keys of its own options table from the spec.
  const codec = linkKinds[spec.kind] as LinkKindCodec<LinkKindSpec, object>;
  return codec.encodeData(spec);
}

/** Decodes IFLA_INFO_DATA of a known kind, tagged with the kind. */
export function decodeKindData(
  kind: KnownLinkKind,
  attributes: readonly RawAttribute[],
  path: readonly string[],
): LinkKindInfo {
  const codec = linkKinds[kind] as LinkKindCodec<never, object>;
  return { kind, ...codec.decodeData(attributes, path) } as LinkKindInfo;
}
