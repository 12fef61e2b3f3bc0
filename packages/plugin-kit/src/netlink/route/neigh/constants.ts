// Neighbour constants under their kernel names (include/uapi/linux/neighbour.h), so they can be
// grepped against the headers.

/** Attribute types of RTM_*NEIGH messages. */
export const NDA = {
  UNSPEC: 0,
  DST: 1,
  LLADDR: 2,
  CACHEINFO: 3,
  PROBES: 4,
  VLAN: 5,
  PORT: 6,
  VNI: 7,
  IFINDEX: 8,
  MASTER: 9,
  LINK_NETNSID: 10,
  SRC_VNI: 11,
  PROTOCOL: 12,
  NH_ID: 13,
  FDB_EXT_ATTRS: 14,
  FLAGS_EXT: 15,
  NDM_STATE_MASK: 16,
  NDM_FLAGS_MASK: 17,
} as const;

/** Neighbour states (ndm_state). NOARP and PERMANENT are pseudo-states that never change. */
export const NUD = {
  NONE: 0x00,
  INCOMPLETE: 0x01,
  REACHABLE: 0x02,
  STALE: 0x04,
  DELAY: 0x08,
  PROBE: 0x10,
  FAILED: 0x20,
  NOARP: 0x40,
  PERMANENT: 0x80,
} as const;

/** Neighbour flags (ndm_flags). */
export const NTF = {
  USE: 1 << 0,
  SELF: 1 << 1,
  MASTER: 1 << 2,
  PROXY: 1 << 3,
  EXT_LEARNED: 1 << 4,
  OFFLOADED: 1 << 5,
  STICKY: 1 << 6,
  ROUTER: 1 << 7,
} as const;

/** Extended flags (NDA_FLAGS_EXT). */
export const NTF_EXT = {
  MANAGED: 1 << 0,
} as const;

/** sizeof(struct ndmsg). */
export const NDMSG_LEN = 12;
