// Link constants under their kernel names (include/uapi/linux/if_link.h, if.h, if_arp.h,
// if_ether.h, if_tun.h, veth.h, rtnetlink.h), so they can be grepped against the headers.

/** Link attributes (enum in if_link.h, IFLA_*). */
export const IFLA = {
  UNSPEC: 0,
  ADDRESS: 1,
  BROADCAST: 2,
  IFNAME: 3,
  MTU: 4,
  LINK: 5,
  QDISC: 6,
  STATS: 7,
  COST: 8,
  PRIORITY: 9,
  MASTER: 10,
  WIRELESS: 11,
  PROTINFO: 12,
  TXQLEN: 13,
  MAP: 14,
  WEIGHT: 15,
  OPERSTATE: 16,
  LINKMODE: 17,
  LINKINFO: 18,
  NET_NS_PID: 19,
  IFALIAS: 20,
  NUM_VF: 21,
  VFINFO_LIST: 22,
  STATS64: 23,
  VF_PORTS: 24,
  PORT_SELF: 25,
  AF_SPEC: 26,
  GROUP: 27,
  NET_NS_FD: 28,
  EXT_MASK: 29,
  PROMISCUITY: 30,
  NUM_TX_QUEUES: 31,
  NUM_RX_QUEUES: 32,
  CARRIER: 33,
  PHYS_PORT_ID: 34,
  CARRIER_CHANGES: 35,
  PHYS_SWITCH_ID: 36,
  LINK_NETNSID: 37,
  PHYS_PORT_NAME: 38,
  PROTO_DOWN: 39,
  GSO_MAX_SEGS: 40,
  GSO_MAX_SIZE: 41,
  PAD: 42,
  XDP: 43,
  EVENT: 44,
  NEW_NETNSID: 45,
  TARGET_NETNSID: 46,
  CARRIER_UP_COUNT: 47,
  CARRIER_DOWN_COUNT: 48,
  NEW_IFINDEX: 49,
  MIN_MTU: 50,
  MAX_MTU: 51,
  PROP_LIST: 52,
  ALT_IFNAME: 53,
  PERM_ADDRESS: 54,
  PROTO_DOWN_REASON: 55,
  PARENT_DEV_NAME: 56,
  PARENT_DEV_BUS_NAME: 57,
  GRO_MAX_SIZE: 58,
  TSO_MAX_SIZE: 59,
  TSO_MAX_SEGS: 60,
  ALLMULTI: 61,
  DEVLINK_PORT: 62,
  GSO_IPV4_MAX_SIZE: 63,
  GRO_IPV4_MAX_SIZE: 64,
  DPLL_PIN: 65,
  MAX_PACING_OFFLOAD_HORIZON: 66,
  NETNS_IMMUTABLE: 67,
  HEADROOM: 68,
  TAILROOM: 69,
} as const;

/** IFLA_LINKINFO members (IFLA_INFO_*). */
export const IFLA_INFO = {
  UNSPEC: 0,
  KIND: 1,
  DATA: 2,
  XSTATS: 3,
  SLAVE_KIND: 4,
  SLAVE_DATA: 5,
} as const;

/** Bridge attributes inside IFLA_INFO_DATA (IFLA_BR_*). Timers and times are in centiseconds (USER_HZ). */
export const IFLA_BR = {
  UNSPEC: 0,
  FORWARD_DELAY: 1,
  HELLO_TIME: 2,
  MAX_AGE: 3,
  AGEING_TIME: 4,
  STP_STATE: 5,
  PRIORITY: 6,
  VLAN_FILTERING: 7,
  VLAN_PROTOCOL: 8,
  GROUP_FWD_MASK: 9,
  ROOT_ID: 10,
  BRIDGE_ID: 11,
  ROOT_PORT: 12,
  ROOT_PATH_COST: 13,
  TOPOLOGY_CHANGE: 14,
  TOPOLOGY_CHANGE_DETECTED: 15,
  HELLO_TIMER: 16,
  TCN_TIMER: 17,
  TOPOLOGY_CHANGE_TIMER: 18,
  GC_TIMER: 19,
  GROUP_ADDR: 20,
  FDB_FLUSH: 21,
  MCAST_ROUTER: 22,
  MCAST_SNOOPING: 23,
  MCAST_QUERY_USE_IFADDR: 24,
  MCAST_QUERIER: 25,
  MCAST_HASH_ELASTICITY: 26,
  MCAST_HASH_MAX: 27,
  MCAST_LAST_MEMBER_CNT: 28,
  MCAST_STARTUP_QUERY_CNT: 29,
  MCAST_LAST_MEMBER_INTVL: 30,
  MCAST_MEMBERSHIP_INTVL: 31,
  MCAST_QUERIER_INTVL: 32,
  MCAST_QUERY_INTVL: 33,
  MCAST_QUERY_RESPONSE_INTVL: 34,
  MCAST_STARTUP_QUERY_INTVL: 35,
  NF_CALL_IPTABLES: 36,
  NF_CALL_IP6TABLES: 37,
  NF_CALL_ARPTABLES: 38,
  VLAN_DEFAULT_PVID: 39,
  PAD: 40,
  VLAN_STATS_ENABLED: 41,
  MCAST_STATS_ENABLED: 42,
  MCAST_IGMP_VERSION: 43,
  MCAST_MLD_VERSION: 44,
  VLAN_STATS_PER_PORT: 45,
  MULTI_BOOLOPT: 46,
  MCAST_QUERIER_STATE: 47,
  FDB_N_LEARNED: 48,
  FDB_MAX_LEARNED: 49,
} as const;

/** Bridge port attributes (IFLA_BRPORT_*), in IFLA_INFO_SLAVE_DATA and in AF_BRIDGE IFLA_PROTINFO. */
export const IFLA_BRPORT = {
  UNSPEC: 0,
  STATE: 1,
  PRIORITY: 2,
  COST: 3,
  MODE: 4,
  GUARD: 5,
  PROTECT: 6,
  FAST_LEAVE: 7,
  LEARNING: 8,
  UNICAST_FLOOD: 9,
  PROXYARP: 10,
  LEARNING_SYNC: 11,
  PROXYARP_WIFI: 12,
  ROOT_ID: 13,
  BRIDGE_ID: 14,
  DESIGNATED_PORT: 15,
  DESIGNATED_COST: 16,
  ID: 17,
  NO: 18,
  TOPOLOGY_CHANGE_ACK: 19,
  CONFIG_PENDING: 20,
  MESSAGE_AGE_TIMER: 21,
  FORWARD_DELAY_TIMER: 22,
  HOLD_TIMER: 23,
  FLUSH: 24,
  MULTICAST_ROUTER: 25,
  PAD: 26,
  MCAST_FLOOD: 27,
  MCAST_TO_UCAST: 28,
  VLAN_TUNNEL: 29,
  BCAST_FLOOD: 30,
  GROUP_FWD_MASK: 31,
  NEIGH_SUPPRESS: 32,
  ISOLATED: 33,
  BACKUP_PORT: 34,
  MRP_RING_OPEN: 35,
  MRP_IN_OPEN: 36,
  MCAST_EHT_HOSTS_LIMIT: 37,
  MCAST_EHT_HOSTS_CNT: 38,
  LOCKED: 39,
  MAB: 40,
  MCAST_N_GROUPS: 41,
  MCAST_MAX_GROUPS: 42,
  NEIGH_VLAN_SUPPRESS: 43,
  BACKUP_NHID: 44,
} as const;

/** Bridge port STP states (BR_STATE_*). */
export const BR_STATE = {
  DISABLED: 0,
  LISTENING: 1,
  LEARNING: 2,
  FORWARDING: 3,
  BLOCKING: 4,
} as const;

/** veth IFLA_INFO_DATA (VETH_INFO_*). VETH_INFO_PEER holds a struct ifinfomsg and link attributes. */
export const VETH_INFO = {
  UNSPEC: 0,
  PEER: 1,
} as const;

/** macvlan/macvtap attributes (IFLA_MACVLAN_*). */
export const IFLA_MACVLAN = {
  UNSPEC: 0,
  MODE: 1,
  FLAGS: 2,
  MACADDR_MODE: 3,
  MACADDR: 4,
  MACADDR_DATA: 5,
  MACADDR_COUNT: 6,
  BC_QUEUE_LEN: 7,
  BC_QUEUE_LEN_USED: 8,
  BC_CUTOFF: 9,
} as const;

/** enum macvlan_mode. */
export const MACVLAN_MODE = {
  PRIVATE: 1,
  VEPA: 2,
  BRIDGE: 4,
  PASSTHRU: 8,
  SOURCE: 16,
} as const;

/** IFLA_MACVLAN_FLAGS bits. */
export const MACVLAN_FLAG = {
  NOPROMISC: 1,
  NODST: 2,
} as const;

/** ipvlan attributes (IFLA_IPVLAN_*). */
export const IFLA_IPVLAN = {
  UNSPEC: 0,
  MODE: 1,
  FLAGS: 2,
} as const;

/** enum ipvlan_mode. */
export const IPVLAN_MODE = {
  L2: 0,
  L3: 1,
  L3S: 2,
} as const;

/** IFLA_IPVLAN_FLAGS values; 0 is bridge mode. */
export const IPVLAN_F = {
  PRIVATE: 0x01,
  VEPA: 0x02,
} as const;

/** 802.1Q VLAN attributes (IFLA_VLAN_*). */
export const IFLA_VLAN = {
  UNSPEC: 0,
  ID: 1,
  FLAGS: 2,
  EGRESS_QOS: 3,
  INGRESS_QOS: 4,
  PROTOCOL: 5,
} as const;

/** enum vlan_flags (if_vlan.h). */
export const VLAN_FLAG = {
  REORDER_HDR: 0x1,
  GVRP: 0x2,
  LOOSE_BINDING: 0x4,
  MVRP: 0x8,
  BRIDGE_BINDING: 0x10,
} as const;

/** Ethernet protocol ids used as VLAN protocols (if_ether.h). */
export const ETH_P = {
  '8021Q': 0x8100,
  '8021AD': 0x88a8,
} as const;

/** VXLAN attributes (IFLA_VXLAN_*). IFLA_VXLAN_PORT and IFLA_VXLAN_PORT_RANGE are big-endian. */
export const IFLA_VXLAN = {
  UNSPEC: 0,
  ID: 1,
  GROUP: 2,
  LINK: 3,
  LOCAL: 4,
  TTL: 5,
  TOS: 6,
  LEARNING: 7,
  AGEING: 8,
  LIMIT: 9,
  PORT_RANGE: 10,
  PROXY: 11,
  RSC: 12,
  L2MISS: 13,
  L3MISS: 14,
  PORT: 15,
  GROUP6: 16,
  LOCAL6: 17,
  UDP_CSUM: 18,
  UDP_ZERO_CSUM6_TX: 19,
  UDP_ZERO_CSUM6_RX: 20,
  REMCSUM_TX: 21,
  REMCSUM_RX: 22,
  GBP: 23,
  REMCSUM_NOPARTIAL: 24,
  COLLECT_METADATA: 25,
  LABEL: 26,
  GPE: 27,
  TTL_INHERIT: 28,
  DF: 29,
  VNIFILTER: 30,
  LOCALBYPASS: 31,
  LABEL_POLICY: 32,
  RESERVED_BITS: 33,
  MC_ROUTE: 34,
} as const;

/** VRF attributes (IFLA_VRF_*). */
export const IFLA_VRF = {
  UNSPEC: 0,
  TABLE: 1,
} as const;

/** tun/tap attributes, read-only over rtnetlink (IFLA_TUN_*). */
export const IFLA_TUN = {
  UNSPEC: 0,
  OWNER: 1,
  GROUP: 2,
  TYPE: 3,
  PI: 4,
  VNET_HDR: 5,
  PERSIST: 6,
  MULTI_QUEUE: 7,
  NUM_QUEUES: 8,
  NUM_DISABLED_QUEUES: 9,
} as const;

/** IFLA_TUN_TYPE values (if_tun.h IFF_TUN / IFF_TAP). */
export const TUN_TYPE = {
  IFF_TUN: 0x0001,
  IFF_TAP: 0x0002,
} as const;

/** Interface flags (net_device_flags, if.h IFF_*): ifinfomsg.ifi_flags / ifi_change. */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  DEBUG: 0x4,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  NOTRAILERS: 0x20,
  RUNNING: 0x40,
  NOARP: 0x80,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  MASTER: 0x400,
  SLAVE: 0x800,
  MULTICAST: 0x1000,
  PORTSEL: 0x2000,
  AUTOMEDIA: 0x4000,
  DYNAMIC: 0x8000,
  LOWER_UP: 0x10000,
  DORMANT: 0x20000,
  ECHO: 0x40000,
} as const;

/** RFC 2863 operational states (IF_OPER_*), the value of IFLA_OPERSTATE. */
export const IF_OPER = {
  UNKNOWN: 0,
  NOTPRESENT: 1,
  DOWN: 2,
  LOWERLAYERDOWN: 3,
  TESTING: 4,
  DORMANT: 5,
  UP: 6,
} as const;

/** Hardware types (if_arp.h ARPHRD_*): ifinfomsg.ifi_type. */
export const ARPHRD = {
  NETROM: 0,
  ETHER: 1,
  INFINIBAND: 32,
  TUNNEL: 768,
  TUNNEL6: 769,
  SIT: 776,
  IPGRE: 778,
  LOOPBACK: 772,
  IP6GRE: 823,
  NETLINK: 824,
  NONE: 0xfffe,
  VOID: 0xffff,
} as const;

/** IFLA_EXT_MASK bits (RTEXT_FILTER_*, rtnetlink.h). */
export const RTEXT_FILTER = {
  VF: 1 << 0,
  BRVLAN: 1 << 1,
  BRVLAN_COMPRESSED: 1 << 2,
  SKIP_STATS: 1 << 3,
  MRP: 1 << 4,
  CFM_CONFIG: 1 << 5,
  CFM_STATUS: 1 << 6,
  MST: 1 << 7,
} as const;

/** Size of struct ifinfomsg. */
export const IFINFOMSG_LEN = 16;
