import type { UnknownAttribute } from '../_attribute-table.ts';
import type { TcMirred } from './action/mirred.ts';
import type { FilterOptions } from './filter/kinds.ts';
import type { U32Key, U32Selector } from './filter/u32.ts';
import type { QdiscOptions } from './qdisc/kinds.ts';
import type { TbfParams } from './qdisc/tbf-build.ts';
import type { TbfParameters } from './qdisc/tbf-describe.ts';
import type { TcHeader } from './tcmsg.ts';

/** One typed tc attribute. `flags` only when its NLA_F_* bits differ from the table row's. */
export interface TcAttr<K extends string, V> {
  readonly kind: K;
  readonly value: V;
  readonly flags?: number;
}

// ---- statistics (dumps) -------------------------------------------------------------------

/** struct tc_stats (TCA_STATS, the old flat form). */
export interface TcStats {
  readonly bytes: bigint;
  readonly packets: number;
  readonly drops: number;
  readonly overlimits: number;
  readonly bps: number;
  readonly pps: number;
  readonly qlen: number;
  readonly backlog: number;
}

/** struct gnet_stats_basic (TCA_STATS_BASIC). */
export interface GnetStatsBasic {
  readonly bytes: bigint;
  readonly packets: number;
}

/** struct gnet_stats_queue (TCA_STATS_QUEUE). */
export interface GnetStatsQueue {
  readonly qlen: number;
  readonly backlog: number;
  readonly drops: number;
  readonly requeues: number;
  readonly overlimits: number;
}

/** One attribute inside TCA_STATS2, in wire order. */
export type StatsAttribute =
  | TcAttr<'TCA_STATS_BASIC', GnetStatsBasic>
  | TcAttr<'TCA_STATS_QUEUE', GnetStatsQueue>
  | TcAttr<'TCA_STATS_PKT64', bigint>
  | UnknownAttribute;

// ---- messages: the wire, attribute for attribute ------------------------------------------

/** Top-level attributes shared by qdisc and filter messages. */
type CommonTcAttribute =
  | TcAttr<'TCA_KIND', string>
  | TcAttr<'TCA_STATS', TcStats>
  | TcAttr<'TCA_XSTATS', Uint8Array>
  /** struct tc_estimator, kept as bytes. */
  | TcAttr<'TCA_RATE', Uint8Array>
  | TcAttr<'TCA_STATS2', readonly StatsAttribute[]>
  | TcAttr<'TCA_STAB', Uint8Array>
  | TcAttr<'TCA_DUMP_INVISIBLE', Uint8Array>
  | TcAttr<'TCA_CHAIN', number>
  | TcAttr<'TCA_HW_OFFLOAD', number>
  | TcAttr<'TCA_INGRESS_BLOCK', number>
  | TcAttr<'TCA_EGRESS_BLOCK', number>
  | TcAttr<'TCA_EXT_WARN_MSG', string>
  | UnknownAttribute;

/** One attribute of an RTM_*QDISC message; TCA_OPTIONS is decoded by TCA_KIND. */
export type QdiscAttribute = CommonTcAttribute | TcAttr<'TCA_OPTIONS', QdiscOptions>;

/** One attribute of an RTM_*TFILTER message; TCA_OPTIONS is decoded by TCA_KIND. */
export type FilterAttribute = CommonTcAttribute | TcAttr<'TCA_OPTIONS', FilterOptions>;

/** An RTM_NEWQDISC / RTM_DELQDISC / RTM_GETQDISC message: struct tcmsg and its attributes. */
export interface QdiscMessage extends TcHeader {
  readonly attributes: readonly QdiscAttribute[];
}

/** An RTM_NEWTFILTER / RTM_DELTFILTER / RTM_GETTFILTER message. */
export interface FilterMessage extends TcHeader {
  readonly attributes: readonly FilterAttribute[];
}

// ---- records: what the kernel reports, readable --------------------------------------------

/** Counters of a qdisc (`tc -s qdisc show`), from TCA_STATS2 or else TCA_STATS. */
export interface QdiscStats {
  /** "Sent N bytes" */
  readonly bytes: number;
  /** "M pkt" */
  readonly packets: number;
  readonly drops: number;
  readonly overlimits: number;
  readonly requeues: number;
  /** packets waiting ("backlog … Np") */
  readonly qlen: number;
  /** bytes waiting ("backlog Nb") */
  readonly backlog: number;
}

/** A qdisc as `tc qdisc show` reports it. */
export interface Qdisc {
  /** The link's index. */
  readonly index: number;
  /** "1:" is tcHandle(1, 0); 0 for the default qdiscs ("noqueue 0:"). */
  readonly handle: number;
  /** TC_H.ROOT, TC_H.INGRESS (ffff:fff1) or a class ("1:1"). */
  readonly parent: number;
  /** TCA_KIND: "tbf", "ingress", "clsact", "noqueue", "pfifo_fast", "mq", … ("" when absent). */
  readonly kind: string;
  /** tcm_info of a dump: the reference count ("refcnt 2"). */
  readonly refcnt: number;
  /** For a tbf qdisc: rate, burst, limit, latency, peak rate. */
  readonly tbf?: TbfParameters;
  readonly stats?: QdiscStats;
  /** The message it was read from, every attribute in wire order. */
  readonly message: QdiscMessage;
}

/** One action of a filter as `tc filter show` reports it. */
export interface Action {
  /** "action order 1" */
  readonly order: number;
  /** TCA_ACT_KIND: "mirred", … */
  readonly kind: string;
  /** The action's index in the kernel's table (TCA_ACT_INDEX, else the mirred parms' index). */
  readonly index?: number;
  /** For a mirred action: direction, target and verdict. */
  readonly mirred?: TcMirred;
}

/** The parts of a u32 filter (`tc filter show … u32`). */
export interface U32Filter {
  /** "flowid 1:1" */
  readonly classid?: number;
  /** The hash table the node sits in ("key ht 800 bkt 0"). */
  readonly hash?: number;
  readonly link?: number;
  /** A hash table's size ("ht divisor 1"). */
  readonly divisor?: number;
  /** TCA_CLS_FLAGS_* ("not_in_hw" is NOT_IN_HW). */
  readonly flags?: number;
  readonly indev?: string;
  /** The match ("match 00000000/00000000 at 0"). */
  readonly selector?: U32Selector;
  readonly actions: readonly Action[];
}

/** A filter as `tc filter show dev X parent P` reports it (a u32 dump has several entries). */
export interface Filter {
  readonly index: number;
  readonly parent: number;
  /** u32: "800::800" is 0x80000800 (see formatU32Handle); 0 for the priority's head entry. */
  readonly handle: number;
  /** "pref 49152" */
  readonly priority: number;
  /** ETH_P_*, host order ("protocol all" is ETH_P.ALL). */
  readonly protocol: number;
  /** TCA_KIND: "u32", … */
  readonly kind: string;
  /** TCA_CHAIN ("chain 0"). */
  readonly chain?: number;
  readonly u32?: U32Filter;
  readonly message: FilterMessage;
}

// ---- specs: what to create, in tc's terms ------------------------------------------------------

/** `tc qdisc add dev X [parent P | root] [handle H] tbf rate … burst … (limit | latency) …`. */
export interface TbfQdiscSpec extends TbfParams {
  readonly kind: 'tbf';
  readonly index: number;
  /** Default TC_H.ROOT. */
  readonly parent?: number;
  /** Default 0: the kernel picks one ("8001:"). */
  readonly handle?: number;
}

/** `tc qdisc add dev X handle ffff: ingress` (handle ffff:, parent ffff:fff1). */
export interface IngressQdiscSpec {
  readonly kind: 'ingress';
  readonly index: number;
}

/** `tc qdisc add dev X clsact` (handle ffff:, parent ffff:fff1). */
export interface ClsactQdiscSpec {
  readonly kind: 'clsact';
  readonly index: number;
}

/** A qdisc to create, built as tc builds it (see qdiscSpecToMessage). */
export type QdiscSpec = TbfQdiscSpec | IngressQdiscSpec | ClsactQdiscSpec;

/** Which qdisc to delete (`tc qdisc del dev X root | ingress | parent P [handle H] [kind]`). */
export interface QdiscTarget {
  readonly index: number;
  readonly parent: number;
  readonly handle?: number;
  /** Sent as TCA_KIND: the kernel then refuses to delete a qdisc of another kind. */
  readonly kind?: string;
}

/** Which qdiscs listQdiscs returns. */
export interface QdiscQuery {
  /** Only this link's (the kernel dumps every link; the rest are dropped here). */
  readonly index?: number;
}

/** `action mirred (egress|ingress) (redirect|mirror) dev X [verdict]`. */
export interface MirredActionSpec {
  readonly kind: 'mirred';
  /** TCA_EGRESS_REDIR, TCA_EGRESS_MIRROR, TCA_INGRESS_REDIR or TCA_INGRESS_MIRROR. */
  readonly eaction: number;
  /** The target link's index. */
  readonly ifindex: number;
  /** TC_ACT_*; default as tc: STOLEN for a redirect, PIPE for a mirror. */
  readonly verdict?: number;
  /** The action's index in the kernel's table; default 0 (the kernel picks). */
  readonly actionIndex?: number;
}

/** An action to attach to a filter. */
export type ActionSpec = MirredActionSpec;

/**
 * `tc filter add dev X parent P [protocol PROTO] [prio N] [handle H] u32 match u32 V M at O …
 * [flowid C] [action …]`.
 */
export interface U32FilterSpec {
  readonly kind: 'u32';
  readonly index: number;
  /** The qdisc or class, e.g. tcHandle(0xffff, 0) for "parent ffff:". */
  readonly parent: number;
  /** "prio"/"pref"; default 0: the kernel picks (49152 for the first filter). */
  readonly priority?: number;
  /** ETH_P_*, host order; default ETH_P.ALL ("protocol all"). */
  readonly protocol?: number;
  /** Default 0: the kernel picks ("800::800"). */
  readonly handle?: number;
  /** TCA_CHAIN, when not chain 0. */
  readonly chain?: number;
  /** "flowid"/"classid". */
  readonly classid?: number;
  /** The match keys; default one key matching everything ("match u32 0 0"). */
  readonly keys?: readonly U32Key[];
  /** Run in this order ("action order 1", …). */
  readonly actions?: readonly ActionSpec[];
}

/** A filter to create, built as tc builds it (see filterSpecToMessage). */
export type FilterSpec = U32FilterSpec;

/** Which filter to delete (`tc filter del dev X parent P protocol PROTO pref N [handle H] [kind]`). */
export interface FilterTarget {
  readonly index: number;
  readonly parent: number;
  readonly priority: number;
  /** ETH_P_*, host order. */
  readonly protocol: number;
  readonly handle?: number;
  readonly kind?: string;
  readonly chain?: number;
}

/** Which filters listFilters returns (`tc filter show dev X parent P [protocol] [pref]`). */
export interface FilterQuery {
  /** The kernel needs the link for a filter dump. */
  readonly index: number;
  readonly parent: number;
  /** Only this priority (the kernel filters). */
  readonly priority?: number;
  /** Only this protocol, ETH_P_* host order (the kernel filters). */
  readonly protocol?: number;
  readonly chain?: number;
}
