// Traffic-control constants under their kernel names (include/uapi/linux/rtnetlink.h,
// pkt_sched.h, pkt_cls.h, tc_act/tc_mirred.h, if_ether.h), so that they can be grepped
// against the headers. RTM_*QDISC / RTM_*TFILTER themselves are in codec/constants.ts.

/** Size of struct tcmsg. */
export const TCMSG_LEN = 20;

/** Top-level attributes of a qdisc, class or filter message (enum TCA_*). */
export const TCA = {
  UNSPEC: 0,
  KIND: 1,
  OPTIONS: 2,
  STATS: 3,
  XSTATS: 4,
  RATE: 5,
  FCNT: 6,
  STATS2: 7,
  STAB: 8,
  PAD: 9,
  DUMP_INVISIBLE: 10,
  CHAIN: 11,
  HW_OFFLOAD: 12,
  INGRESS_BLOCK: 13,
  EGRESS_BLOCK: 14,
  DUMP_FLAGS: 15,
  EXT_WARN_MSG: 16,
} as const;

/** Nested in TCA_STATS2 (enum TCA_STATS_*, gen_stats.h). */
export const TCA_STATS = {
  UNSPEC: 0,
  BASIC: 1,
  RATE_EST: 2,
  QUEUE: 3,
  APP: 4,
  RATE_EST64: 5,
  PAD: 6,
  BASIC_HW: 7,
  PKT64: 8,
} as const;

/** Handles: major:minor in one u32 (TC_H_*). */
export const TC_H = {
  MAJ_MASK: 0xffff0000,
  MIN_MASK: 0x0000ffff,
  UNSPEC: 0,
  ROOT: 0xffffffff,
  INGRESS: 0xfffffff1,
  CLSACT: 0xfffffff1,
  MIN_PRIORITY: 0xffe0,
  MIN_INGRESS: 0xfff2,
  MIN_EGRESS: 0xfff3,
} as const;

/** Attributes inside TCA_OPTIONS of a tbf qdisc (enum TCA_TBF_*). */
export const TCA_TBF = {
  UNSPEC: 0,
  PARMS: 1,
  RTAB: 2,
  PTAB: 3,
  RATE64: 4,
  PRATE64: 5,
  BURST: 6,
  PBURST: 7,
  PAD: 8,
} as const;

/** struct tc_ratespec.linklayer (enum tc_link_layer). */
export const TC_LINKLAYER = {
  UNAWARE: 0,
  ETHERNET: 1,
  ATM: 2,
} as const;

/** Size of a rate table (TCA_TBF_RTAB, TCA_TBF_PTAB): 256 u32 (TC_RTAB_SIZE). */
export const TC_RTAB_SIZE = 1024;

/** Attributes inside TCA_OPTIONS of a u32 filter (enum TCA_U32_*). */
export const TCA_U32 = {
  UNSPEC: 0,
  CLASSID: 1,
  HASH: 2,
  LINK: 3,
  DIVISOR: 4,
  SEL: 5,
  POLICE: 6,
  ACT: 7,
  INDEV: 8,
  PCNT: 9,
  MARK: 10,
  FLAGS: 11,
  PAD: 12,
} as const;

/** struct tc_u32_sel.flags. */
export const TC_U32 = {
  TERMINAL: 1,
  OFFSET: 2,
  VAROFFSET: 4,
  EAT: 8,
} as const;

/** Filter flags (TCA_U32_FLAGS and others; TCA_CLS_FLAGS_*). */
export const TCA_CLS_FLAGS = {
  SKIP_HW: 1,
  SKIP_SW: 2,
  IN_HW: 4,
  NOT_IN_HW: 8,
  VERBOSE: 16,
} as const;

/** Attributes of one action in an action list (enum TCA_ACT_*). */
export const TCA_ACT = {
  UNSPEC: 0,
  KIND: 1,
  OPTIONS: 2,
  INDEX: 3,
  STATS: 4,
  PAD: 5,
  COOKIE: 6,
  FLAGS: 7,
  HW_STATS: 8,
  USED_HW_STATS: 9,
  IN_HW_COUNT: 10,
} as const;

/** Most actions a list may hold (TCA_ACT_MAX_PRIO); list entries are numbered 1…32. */
export const TCA_ACT_MAX_PRIO = 32;

/** Verdicts (TC_ACT_*). */
export const TC_ACT = {
  UNSPEC: -1,
  OK: 0,
  RECLASSIFY: 1,
  SHOT: 2,
  PIPE: 3,
  STOLEN: 4,
  QUEUED: 5,
  REPEAT: 6,
  REDIRECT: 7,
  TRAP: 8,
} as const;

/** Attributes inside TCA_OPTIONS of a mirred action (enum TCA_MIRRED_*). */
export const TCA_MIRRED = {
  UNSPEC: 0,
  TM: 1,
  PARMS: 2,
  PAD: 3,
  BLOCKID: 4,
} as const;

/** struct tc_mirred.eaction. */
export const TCA_EGRESS_REDIR = 1;
export const TCA_EGRESS_MIRROR = 2;
export const TCA_INGRESS_REDIR = 3;
export const TCA_INGRESS_MIRROR = 4;

/** Ethernet protocol numbers used as a filter's protocol (if_ether.h ETH_P_*), host order. */
export const ETH_P = {
  ALL: 0x0003,
  IP: 0x0800,
  ARP: 0x0806,
  '8021Q': 0x8100,
  IPV6: 0x86dd,
  '8021AD': 0x88a8,
} as const;

/**
 * The packet scheduler clock (include/net/pkt_sched.h: PSCHED_SHIFT 6, one tick = 64 ns).
 * /proc/net/psched reports it as `000003e8 00000040 000f4240 …`; tc and vishvananda/netlink
 * read that file and get 1000 / 64 = 15.625 ticks per microsecond on every kernel since 3.x.
 */
export const PSCHED_TICKS_PER_USEC = 1000 / 64;

/** TIME_UNITS_PER_SEC in tc and vishvananda/netlink: times are in microseconds. */
export const TIME_UNITS_PER_SEC = 1_000_000;
