import type { UnknownAttribute } from '../_attribute-table.ts';

/** struct nda_cacheinfo: ages in jiffies-derived clock ticks. */
export interface NeighbourCacheInfo {
  readonly confirmed: number;
  readonly used: number;
  readonly updated: number;
  readonly refcnt: number;
}

/** One attribute of an RTM_*NEIGH message, in wire order; IPs as text, MACs "aa:bb:…". */
export type NeighbourAttribute =
  | { readonly kind: 'NDA_DST'; readonly value: string }
  | { readonly kind: 'NDA_LLADDR'; readonly value: string }
  | { readonly kind: 'NDA_CACHEINFO'; readonly value: NeighbourCacheInfo }
  | { readonly kind: 'NDA_PROBES'; readonly value: number }
  | { readonly kind: 'NDA_VLAN'; readonly value: number }
  | { readonly kind: 'NDA_PORT'; readonly value: number }
  | { readonly kind: 'NDA_VNI'; readonly value: number }
  | { readonly kind: 'NDA_IFINDEX'; readonly value: number }
  | { readonly kind: 'NDA_MASTER'; readonly value: number }
  | { readonly kind: 'NDA_LINK_NETNSID'; readonly value: number }
  | { readonly kind: 'NDA_SRC_VNI'; readonly value: number }
  | { readonly kind: 'NDA_PROTOCOL'; readonly value: number }
  | { readonly kind: 'NDA_NH_ID'; readonly value: number }
  | { readonly kind: 'NDA_FLAGS_EXT'; readonly value: number }
  | { readonly kind: 'NDA_NDM_STATE_MASK'; readonly value: number }
  | { readonly kind: 'NDA_NDM_FLAGS_MASK'; readonly value: number }
  | UnknownAttribute;

/** An RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH message: struct ndmsg and its attributes. */
export interface NeighbourMessage {
  /** AF_INET, AF_INET6, or AF_BRIDGE for bridge FDB entries. */
  readonly family: number;
  /** ndm_ifindex: the link's index. */
  readonly index: number;
  /** ndm_state: NUD_* */
  readonly state: number;
  /** ndm_flags: NTF_* */
  readonly flags: number;
  /** ndm_type: RTN_* */
  readonly type: number;
  readonly attributes: readonly NeighbourAttribute[];
}

/** A neighbour (ARP / NDP) entry as the kernel reports it (`ip neigh show`). */
export interface Neighbour {
  /** AF_INET, AF_INET6 or AF_BRIDGE. */
  readonly family: number;
  /** The link's index. */
  readonly index: number;
  /** The neighbour's IP (NDA_DST). */
  readonly ip?: string;
  /** Its link-layer address (NDA_LLADDR), lowercase "aa:bb:cc:dd:ee:ff". */
  readonly mac?: string;
  /** NUD_* */
  readonly state: number;
  /** NTF_* */
  readonly flags: number;
  /** RTN_* */
  readonly type: number;
  readonly probes?: number;
  readonly vlan?: number;
  /** Bridge master's index (NDA_MASTER). */
  readonly master?: number;
  /** RTPROT_*: who added it (NDA_PROTOCOL). */
  readonly protocol?: number;
  readonly cacheInfo?: NeighbourCacheInfo;
  /** The message it was read from, with every attribute in wire order. */
  readonly message: NeighbourMessage;
}

/** What to add, replace or delete (`ip neigh add|replace|del`). */
export interface NeighbourSpec {
  /** The link's index (`dev`). */
  readonly index: number;
  /** The neighbour's IP; its family is the entry's. */
  readonly ip: string;
  /** Link-layer address (`lladdr`), "aa:bb:cc:dd:ee:ff". */
  readonly mac?: string;
  /** NUD_*; default NUD_PERMANENT, as ip. */
  readonly state?: number;
  /** NTF_* (NTF.PROXY for `proxy`, NTF.ROUTER, NTF.EXT_LEARNED …). */
  readonly flags?: number;
  /** RTPROT_* (`protocol`, NDA_PROTOCOL). */
  readonly protocol?: number;
}

/** Which neighbours listNeighbours returns. */
export interface NeighbourFilter {
  /** Only this link's entries. */
  readonly index?: number;
  /** AF_INET or AF_INET6 (or AF_BRIDGE); every family when left out. */
  readonly family?: number;
  /** Proxy entries instead of ordinary ones (`ip neigh show proxy`). */
  readonly proxy?: boolean;
}
