// ctnetlink (NETLINK_NETFILTER subsystem NFNL_SUBSYS_CTNETLINK), the names of
// linux/netfilter/nfnetlink_conntrack.h kept.

export const NFNL_SUBSYS_CTNETLINK = 1;

/** enum cntl_msg_types. */
export const IPCTNL_MSG = { CT_NEW: 0, CT_GET: 1, CT_DELETE: 2 } as const;

/** enum ctattr_type (the ones the kit reads or sends). */
export const CTA = {
  TUPLE_ORIG: 1,
  TUPLE_REPLY: 2,
  STATUS: 3,
  ID: 12,
  ZONE: 18,
  FILTER: 25,
} as const;

/** enum ctattr_filter: which tuple fields a dump filter compares (kernel 5.8 and later). */
export const CTA_FILTER = { ORIG_FLAGS: 1, REPLY_FLAGS: 2 } as const;

/** The tuple-field bits of CTA_FILTER_*_FLAGS (nf_internals.h's CTA_FILTER_F_*). */
export const CTA_FILTER_F = { PROTO_NUM: 1 << 3, PROTO_DST_PORT: 1 << 5 } as const;

/** enum ctattr_tuple. */
export const CTA_TUPLE = { IP: 1, PROTO: 2, ZONE: 3 } as const;

/** enum ctattr_ip. */
export const CTA_IP = { V4_SRC: 1, V4_DST: 2, V6_SRC: 3, V6_DST: 4 } as const;

/** enum ctattr_l4proto (ports). */
export const CTA_PROTO = { NUM: 1, SRC_PORT: 2, DST_PORT: 3 } as const;

/** IP protocol numbers of the transports a port tuple has. */
export const IPPROTO = { TCP: 6, UDP: 17, SCTP: 132 } as const;

/** The nlmsg_type of a ctnetlink message. */
export function ctMessageType(message: number): number {
  return (NFNL_SUBSYS_CTNETLINK << 8) | message;
}
