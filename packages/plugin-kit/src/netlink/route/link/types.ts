import type { RawAttribute } from '../../codec/attributes.ts';
import type { LinkAttributeOptions } from './_link-attributes.ts';
import type { IfInfoMsg } from './ifinfomsg.ts';
import type { BridgePortInfo } from './kinds/bridge-port.ts';
import type { LinkKindInfo, LinkKindSpec } from './kinds/kind-map.ts';

/** RFC 2863 operational state (IFLA_OPERSTATE). */
export type OperState =
  | 'unknown'
  | 'notpresent'
  | 'down'
  | 'lowerlayerdown'
  | 'testing'
  | 'dormant'
  | 'up';

/** The leading counters of struct rtnl_link_stats64 (IFLA_STATS64). */
export interface LinkStats {
  readonly rxPackets: bigint;
  readonly txPackets: bigint;
  readonly rxBytes: bigint;
  readonly txBytes: bigint;
  readonly rxErrors: bigint;
  readonly txErrors: bigint;
  readonly rxDropped: bigint;
  readonly txDropped: bigint;
  readonly multicast: bigint;
  readonly collisions: bigint;
}

/** Decoded IFLA_INFO_SLAVE_DATA / AF_BRIDGE IFLA_PROTINFO of a bridge port, tagged. */
export type LinkSlaveInfo = { readonly kind: 'bridge' } & BridgePortInfo;

/**
 * A link as the kernel describes it in RTM_NEWLINK. Fields the message lacks read as
 * 0 / '' / 'unknown' (the kernel always sends them in replies); optional fields are absent
 * when their attribute is. `attributes` keeps every attribute in wire order, so a record
 * re-encodes to the bytes it came from, unknown attributes included.
 */
export interface Link {
  readonly index: number;
  /** IFLA_IFNAME */
  readonly name: string;
  /** ARPHRD_* (ifi_type) */
  readonly type: number;
  /** IFF_* (ifi_flags) */
  readonly flags: number;
  readonly mtu: number;
  /** IFLA_ADDRESS, lowercase "aa:bb:…"; absent for links without one (e.g. tun). */
  readonly mac?: string;
  readonly broadcast?: string;
  readonly permanentMac?: string;
  readonly txqlen: number;
  readonly master?: number;
  readonly operstate: OperState;
  readonly alias?: string;
  readonly minMtu?: number;
  readonly maxMtu?: number;
  readonly group?: number;
  readonly promiscuity?: number;
  readonly allmulti?: number;
  readonly carrier?: boolean;
  readonly numTxQueues?: number;
  readonly numRxQueues?: number;
  readonly qdisc?: string;
  /** IFLA_LINK: the lower link (for a veth, the peer), in the namespace `linkNetnsId` names if set. */
  readonly link?: number;
  /** IFLA_LINK_NETNSID: the peer namespace's id, as seen from the link's namespace. */
  readonly netnsId?: number;
  /** IFLA_INFO_KIND */
  readonly kind?: string;
  /** IFLA_INFO_DATA decoded, for the kinds in `linkKinds`; absent for others (see `attributes`). */
  readonly kindData?: LinkKindInfo;
  /** IFLA_INFO_SLAVE_KIND, e.g. "bridge" on a bridge port. */
  readonly slaveKind?: string;
  readonly slaveData?: LinkSlaveInfo;
  /** AF_BRIDGE messages (`bridge link show`): IFLA_PROTINFO as bridge port settings. */
  readonly protinfo?: BridgePortInfo;
  readonly stats?: LinkStats;
  readonly header: IfInfoMsg;
  readonly attributes: readonly RawAttribute[];
}

/** How a link is named in a request: by index or by name. */
export type LinkRef = { readonly index: number } | { readonly name: string };

/** Everything addLink can set besides the kind: `ip link add NAME [mtu] [address] … type KIND …`. */
export interface LinkBaseSpec extends Omit<LinkAttributeOptions, 'name'> {
  readonly name: string;
  /** Create the link up (IFF_UP in ifi_flags/ifi_change), as `ip link add … up`. */
  readonly up?: boolean;
}

/** A new link: name and attributes plus the kind and its options. */
export type LinkSpec = LinkBaseSpec & LinkKindSpec;

/**
 * Changes to an existing link (`ip link set dev X …`). Flags go through ifi_flags/ifi_change,
 * the rest as attributes. `master: 0` is `nomaster`.
 */
export interface LinkChanges extends Omit<LinkAttributeOptions, 'parent'> {
  readonly up?: boolean;
  readonly promisc?: boolean;
  readonly allmulti?: boolean;
}
