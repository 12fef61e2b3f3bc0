import type { RawAttribute } from '../../../codec/attributes.ts';
import { type BridgeInfo, type BridgeOptions, bridgeKind } from './bridge.ts';
import type { DummyOptions } from './dummy.ts';
import type { IfbOptions } from './ifb.ts';
import type { IpvlanInfo, IpvlanOptions } from './ipvlan.ts';
import type { LinkKindCodec } from './kind-codec.ts';
import type { MacvlanInfo, MacvlanOptions } from './macvlan.ts';
import type { TunInfo } from './tun.ts';
import { type VethInfo, type VethOptions, vethKind } from './veth.ts';
import type { VlanInfo, VlanOptions } from './vlan.ts';
import type { VrfInfo, VrfOptions } from './vrf.ts';
import type { VxlanInfo, VxlanOptions } from './vxlan.ts';

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

/**
 * The kinds this library encodes and decodes, by IFLA_INFO_KIND. A static map: nothing
 * registers at import. veth and bridge, which most plugins meet, are loaded with the map;
 * every other kind's codec on first use, so a plugin that makes veths and bridges
 * evaluates no vxlan or vlan code and makes no require() call, whose first costs about
 * 0.1 ms (issue 22).
 */
export const linkKinds = {
  veth: vethKind,
  bridge: bridgeKind,
  get macvlan() {
    return (require('./macvlan.ts') as typeof import('./macvlan.ts')).macvlanKind;
  },
  get ipvlan() {
    return (require('./ipvlan.ts') as typeof import('./ipvlan.ts')).ipvlanKind;
  },
  get vlan() {
    return (require('./vlan.ts') as typeof import('./vlan.ts')).vlanKind;
  },
  get dummy() {
    return (require('./dummy.ts') as typeof import('./dummy.ts')).dummyKind;
  },
  get ifb() {
    return (require('./ifb.ts') as typeof import('./ifb.ts')).ifbKind;
  },
  get vxlan() {
    return (require('./vxlan.ts') as typeof import('./vxlan.ts')).vxlanKind;
  },
  get vrf() {
    return (require('./vrf.ts') as typeof import('./vrf.ts')).vrfKind;
  },
  get tun() {
    return (require('./tun.ts') as typeof import('./tun.ts')).tunKind;
  },
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
