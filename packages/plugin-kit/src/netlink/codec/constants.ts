// Kernel constants under their kernel names (include/uapi/linux/netlink.h, rtnetlink.h),
// so that they can be grepped against the headers.

/** Netlink protocol families (the third argument of socket(2)). */
export const NETLINK = {
  ROUTE: 0,
  NETFILTER: 12,
  GENERIC: 16,
} as const;

/** Standard message types (nlmsghdr.nlmsg_type below NLMSG_MIN_TYPE). */
export const NLMSG = {
  NOOP: 1,
  ERROR: 2,
  DONE: 3,
  OVERRUN: 4,
  MIN_TYPE: 0x10,
} as const;

/** nlmsghdr.nlmsg_flags. */
export const NLM_F = {
  REQUEST: 0x01,
  MULTI: 0x02,
  ACK: 0x04,
  ECHO: 0x08,
  DUMP_INTR: 0x10,
  DUMP_FILTERED: 0x20,
  // GET requests
  ROOT: 0x100,
  MATCH: 0x200,
  ATOMIC: 0x400,
  DUMP: 0x300,
  // NEW requests
  REPLACE: 0x100,
  EXCL: 0x200,
  CREATE: 0x400,
  APPEND: 0x800,
  // DELETE requests
  NONREC: 0x100,
  BULK: 0x200,
  // ACK messages
  CAPPED: 0x100,
  ACK_TLVS: 0x200,
} as const;

/** Attribute type flags (nlattr.nla_type high bits). */
export const NLA_F = {
  NESTED: 0x8000,
  NET_BYTEORDER: 0x4000,
} as const;

export const NLA_TYPE_MASK = ~(NLA_F.NESTED | NLA_F.NET_BYTEORDER) & 0xffff;

/** Attributes of an extended ACK (enum nlmsgerr_attrs). */
export const NLMSGERR_ATTR = {
  UNUSED: 0,
  MSG: 1,
  OFFS: 2,
  COOKIE: 3,
  POLICY: 4,
  MISS_TYPE: 5,
  MISS_NEST: 6,
} as const;

/** Socket options at SOL_NETLINK (270). */
export const SOL_NETLINK = 270;
export const NETLINK_SOCKOPT = {
  ADD_MEMBERSHIP: 1,
  DROP_MEMBERSHIP: 2,
  PKTINFO: 3,
  BROADCAST_ERROR: 4,
  NO_ENOBUFS: 5,
  LISTEN_ALL_NSID: 8,
  CAP_ACK: 10,
  EXT_ACK: 11,
  GET_STRICT_CHK: 12,
} as const;

/** rtnetlink message types (enum in rtnetlink.h). */
export const RTM = {
  NEWLINK: 16,
  DELLINK: 17,
  GETLINK: 18,
  SETLINK: 19,
  NEWADDR: 20,
  DELADDR: 21,
  GETADDR: 22,
  NEWROUTE: 24,
  DELROUTE: 25,
  GETROUTE: 26,
  NEWNEIGH: 28,
  DELNEIGH: 29,
  GETNEIGH: 30,
  NEWRULE: 32,
  DELRULE: 33,
  GETRULE: 34,
  NEWQDISC: 36,
  DELQDISC: 37,
  GETQDISC: 38,
  NEWTCLASS: 40,
  DELTCLASS: 41,
  GETTCLASS: 42,
  NEWTFILTER: 44,
  DELTFILTER: 45,
  GETTFILTER: 46,
  NEWNSID: 88,
  DELNSID: 89,
  GETNSID: 90,
} as const;

/** Address families. */
export const AF = {
  UNSPEC: 0,
  INET: 2,
  BRIDGE: 7,
  INET6: 10,
  NETLINK: 16,
  PACKET: 17,
  MPLS: 28,
} as const;

/** The name of an RTM_* or NLMSG_* type, for error messages and paths. */
export function messageTypeName(type: number): string {
  for (const [name, value] of Object.entries(RTM)) if (value === type) return `RTM_${name}`;
  for (const [name, value] of Object.entries(NLMSG)) if (value === type) return `NLMSG_${name}`;
  return `type ${type}`;
}
