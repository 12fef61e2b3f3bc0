// Address constants under their kernel names (include/uapi/linux/if_addr.h), so they can be
// grepped against the headers.

/** Attribute types of RTM_*ADDR messages (enum in if_addr.h). */
export const IFA = {
  UNSPEC: 0,
  ADDRESS: 1,
  LOCAL: 2,
  LABEL: 3,
  BROADCAST: 4,
  ANYCAST: 5,
  CACHEINFO: 6,
  MULTICAST: 7,
  FLAGS: 8,
  RT_PRIORITY: 9,
  TARGET_NETNSID: 10,
  PROTO: 11,
} as const;

/** Address flags (ifa_flags, and the 32-bit IFA_FLAGS attribute for bits above 8). */
export const IFA_F = {
  SECONDARY: 0x01,
  TEMPORARY: 0x01,
  NODAD: 0x02,
  OPTIMISTIC: 0x04,
  DADFAILED: 0x08,
  HOMEADDRESS: 0x10,
  DEPRECATED: 0x20,
  TENTATIVE: 0x40,
  PERMANENT: 0x80,
  MANAGETEMPADDR: 0x100,
  NOPREFIXROUTE: 0x200,
  MCAUTOJOIN: 0x400,
  STABLE_PRIVACY: 0x800,
} as const;

/** Who added an address (IFA_PROTO). */
export const IFAPROT = {
  UNSPEC: 0,
  KERNEL_LO: 1,
  KERNEL_RA: 2,
  KERNEL_LL: 3,
} as const;

/** The lifetime that means "forever" in struct ifa_cacheinfo (INFINITY_LIFE_TIME). */
export const INFINITY_LIFE_TIME = 0xffffffff;

/** sizeof(struct ifaddrmsg). */
export const IFADDRMSG_LEN = 8;
