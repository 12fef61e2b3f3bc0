import type { UnknownAttribute } from '../_attribute-table.ts';
import type { InetFamily } from '../_ip.ts';

/** One metric nested in RTA_METRICS (RTAX_*). */
export type RouteMetric =
  | { readonly kind: 'RTAX_LOCK'; readonly value: number }
  | { readonly kind: 'RTAX_MTU'; readonly value: number }
  | { readonly kind: 'RTAX_WINDOW'; readonly value: number }
  | { readonly kind: 'RTAX_RTT'; readonly value: number }
  | { readonly kind: 'RTAX_RTTVAR'; readonly value: number }
  | { readonly kind: 'RTAX_SSTHRESH'; readonly value: number }
  | { readonly kind: 'RTAX_CWND'; readonly value: number }
  | { readonly kind: 'RTAX_ADVMSS'; readonly value: number }
  | { readonly kind: 'RTAX_REORDERING'; readonly value: number }
  | { readonly kind: 'RTAX_HOPLIMIT'; readonly value: number }
  | { readonly kind: 'RTAX_INITCWND'; readonly value: number }
  | { readonly kind: 'RTAX_FEATURES'; readonly value: number }
  | { readonly kind: 'RTAX_RTO_MIN'; readonly value: number }
  | { readonly kind: 'RTAX_INITRWND'; readonly value: number }
  | { readonly kind: 'RTAX_QUICKACK'; readonly value: number }
  | { readonly kind: 'RTAX_CC_ALGO'; readonly value: string }
  | { readonly kind: 'RTAX_FASTOPEN_NO_COOKIE'; readonly value: number }
  | UnknownAttribute;

/** One struct rtnexthop in RTA_MULTIPATH, with the attributes that follow it. */
export interface RouteNextHopEntry {
  /** rtnh_flags: RTNH_F_* */
  readonly flags: number;
  /** rtnh_hops: the weight minus one. */
  readonly hops: number;
  /** rtnh_ifindex */
  readonly index: number;
  /** RTA_GATEWAY, RTA_VIA, … of this hop. */
  readonly attributes: readonly RouteAttribute[];
}

/** struct rta_cacheinfo. `expires` is in clock ticks (USER_HZ), signed. */
export interface RouteCacheInfo {
  readonly clntref: number;
  readonly lastuse: number;
  readonly expires: number;
  readonly error: number;
  readonly used: number;
  readonly id: number;
  readonly ts: number;
  readonly tsage: number;
}

/** struct rtvia: a gateway of another family (IPv4 over IPv6). */
export interface RouteVia {
  /** AF_* of the gateway. */
  readonly family: number;
  /** IP text for AF_INET/AF_INET6, "aa:bb:…" bytes otherwise. */
  readonly address: string;
}

/** One attribute of an RTM_*ROUTE message, in wire order; IPs as text. */
export type RouteAttribute =
  | { readonly kind: 'RTA_DST'; readonly value: string }
  | { readonly kind: 'RTA_SRC'; readonly value: string }
  | { readonly kind: 'RTA_IIF'; readonly value: number }
  | { readonly kind: 'RTA_OIF'; readonly value: number }
  | { readonly kind: 'RTA_GATEWAY'; readonly value: string }
  | { readonly kind: 'RTA_PRIORITY'; readonly value: number }
  | { readonly kind: 'RTA_PREFSRC'; readonly value: string }
  | { readonly kind: 'RTA_METRICS'; readonly value: readonly RouteMetric[] }
  | { readonly kind: 'RTA_MULTIPATH'; readonly value: readonly RouteNextHopEntry[] }
  | { readonly kind: 'RTA_FLOW'; readonly value: number }
  | { readonly kind: 'RTA_CACHEINFO'; readonly value: RouteCacheInfo }
  | { readonly kind: 'RTA_TABLE'; readonly value: number }
  | { readonly kind: 'RTA_MARK'; readonly value: number }
  | { readonly kind: 'RTA_VIA'; readonly value: RouteVia }
  | { readonly kind: 'RTA_PREF'; readonly value: number }
  | { readonly kind: 'RTA_ENCAP_TYPE'; readonly value: number }
  | { readonly kind: 'RTA_EXPIRES'; readonly value: number }
  | { readonly kind: 'RTA_UID'; readonly value: number }
  | { readonly kind: 'RTA_TTL_PROPAGATE'; readonly value: number }
  | { readonly kind: 'RTA_IP_PROTO'; readonly value: number }
  | { readonly kind: 'RTA_SPORT'; readonly value: number }
  | { readonly kind: 'RTA_DPORT'; readonly value: number }
  | { readonly kind: 'RTA_NH_ID'; readonly value: number }
  | UnknownAttribute;

/** An RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE message: struct rtmsg and its attributes. */
export interface RouteMessage {
  /** rtm_family: AF_INET or AF_INET6 (AF_UNSPEC in a dump request for both). */
  readonly family: number;
  /** rtm_dst_len */
  readonly dstLength: number;
  /** rtm_src_len */
  readonly srcLength: number;
  /** rtm_tos */
  readonly tos: number;
  /** rtm_table: the table id up to 255 (RT_TABLE_COMPAT or UNSPEC when RTA_TABLE holds it). */
  readonly table: number;
  /** rtm_protocol: RTPROT_* */
  readonly protocol: number;
  /** rtm_scope: RT_SCOPE_* */
  readonly scope: number;
  /** rtm_type: RTN_* */
  readonly type: number;
  /** rtm_flags: RTM_F_* and RTNH_F_* */
  readonly flags: number;
  readonly attributes: readonly RouteAttribute[];
}

/** One path of a multipath route, as read. */
export interface NextHop {
  readonly gateway?: string;
  /** The output link's index (0 when none). */
  readonly oif: number;
  /** 1..256 (rtnh_hops + 1). */
  readonly weight: number;
  /** RTNH_F_* (RTNH_F.ONLINK, RTNH_F.LINKDOWN, …). */
  readonly flags: number;
}

/** A route as the kernel reports it (`ip route show table all`). */
export interface Route {
  readonly family: InetFamily;
  /** Destination prefix in Go's text form; the default route is "0.0.0.0/0" or "::/0". */
  readonly dst: string;
  /** Source prefix (RTA_SRC, IPv6 source-specific routes). */
  readonly src?: string;
  readonly gateway?: string;
  /** A gateway of another family (RTA_VIA). */
  readonly via?: RouteVia;
  /** Output link index (RTA_OIF). */
  readonly oif?: number;
  /** Input link index (RTA_IIF). */
  readonly iif?: number;
  /** Preferred source address (RTA_PREFSRC). */
  readonly prefsrc?: string;
  /** Metric (RTA_PRIORITY). */
  readonly priority?: number;
  /** The table id (RTA_TABLE when present, else rtm_table). */
  readonly table: number;
  /** RTPROT_* */
  readonly protocol: number;
  /** RT_SCOPE_* */
  readonly scope: number;
  /** RTN_* */
  readonly type: number;
  /** rtm_flags (RTNH_F.ONLINK, RTM_F.CLONED, …). */
  readonly flags: number;
  readonly tos: number;
  /** RTAX_MTU from RTA_METRICS. */
  readonly mtu?: number;
  /** RTAX_ADVMSS from RTA_METRICS. */
  readonly advmss?: number;
  /** RTAX_HOPLIMIT from RTA_METRICS. */
  readonly hoplimit?: number;
  /** The paths of a multipath route (RTA_MULTIPATH). */
  readonly multipath?: readonly NextHop[];
  /** IPv6 router preference (RTA_PREF, ICMPV6_ROUTER_PREF_*). */
  readonly pref?: number;
  /** Seconds left before an expiring IPv6 route goes (from RTA_CACHEINFO, rounded up). */
  readonly expires?: number;
  readonly cacheInfo?: RouteCacheInfo;
  /** Nexthop object id (RTA_NH_ID). */
  readonly nhid?: number;
  /** The message it was read from, with every attribute in wire order. */
  readonly message: RouteMessage;
}

/** One path of a multipath route to add. */
export interface NextHopSpec {
  readonly gateway?: string;
  /** Output link index. */
  readonly oif?: number;
  /** 1..256, default 1 (`weight`). */
  readonly weight?: number;
  /** Gateway is on the link even if no prefix says so (`onlink`). */
  readonly onlink?: boolean;
}

/** What to add, replace or delete (`ip route add|replace|del`). */
export interface RouteSpec {
  /** Destination "ip/prefix" ("0.0.0.0/0" or "::/0" for default; a bare IP is a host route). */
  readonly dst: string;
  /** Source prefix (`from`, IPv6 source-specific routing). */
  readonly src?: string;
  /** Next hop (`via`); same family as dst. */
  readonly gateway?: string;
  /** Output link index (`dev`). */
  readonly oif?: number;
  /** Preferred source address (`src`). */
  readonly prefsrc?: string;
  /**
   * Table id (`table`); default main. Ids above 255 go in RTA_TABLE. For delete, the
   * default main table too, as ip does.
   */
  readonly table?: number;
  /**
   * RT_SCOPE_*; as ip: IPv6 universe; IPv4 link for a unicast route without gateway or
   * nexthops, host for local/nat, link for broadcast/multicast/anycast, universe otherwise;
   * for delete "nowhere" (any scope) for IPv4 unicast.
   */
  readonly scope?: number;
  /** RTN_*; default unicast (for delete: unspecified, any type). */
  readonly type?: number;
  /** RTPROT_*; default boot, as ip (for delete: unspecified, any). */
  readonly protocol?: number;
  /** Metric (`metric`, RTA_PRIORITY). */
  readonly priority?: number;
  readonly tos?: number;
  /** Path MTU (`mtu`, RTAX_MTU). */
  readonly mtu?: number;
  /** Advertised MSS (`advmss`, RTAX_ADVMSS). */
  readonly advmss?: number;
  /** Gateway is on the link even if no prefix says so (`onlink`, RTNH_F_ONLINK). */
  readonly onlink?: boolean;
  /** Paths of a multipath route (`nexthop via … dev … weight …`, RTA_MULTIPATH). */
  readonly multipath?: readonly NextHopSpec[];
  /** Seconds until an IPv6 route expires (`expires`, RTA_EXPIRES). */
  readonly expires?: number;
}

/** Which routes listRoutes returns. Every given field must match. */
export interface RouteFilter {
  /** AF_INET or AF_INET6; both when left out. */
  readonly family?: InetFamily;
  /** Table id; every table when left out (as `ip route show table all`). */
  readonly table?: number;
  /** Output link index (on the route or any of its nexthops). */
  readonly oif?: number;
  /** Destination prefix, compared in canonical form. */
  readonly dst?: string;
  /** RTPROT_* */
  readonly protocol?: number;
  /** RT_SCOPE_* */
  readonly scope?: number;
  /** RTN_* */
  readonly type?: number;
  readonly gateway?: string;
}
