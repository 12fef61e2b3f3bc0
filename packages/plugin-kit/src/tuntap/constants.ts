// Kernel constants for /dev/net/tun, names as in <linux/if_tun.h> and <linux/if.h>.

/** ioctl request numbers (_IOW('T', n, int) / _IOR('T', n, unsigned int)). */
export const TUN_IOCTL = {
  TUNSETIFF: 0x400454ca,
  TUNSETPERSIST: 0x400454cb,
  TUNSETOWNER: 0x400454cc,
  TUNSETGROUP: 0x400454ce,
  TUNGETIFF: 0x800454d2,
} as const;

/** ifr_flags bits for TUNSETIFF / TUNGETIFF. */
export const IFF_TUNTAP = {
  IFF_TUN: 0x0001,
  IFF_TAP: 0x0002,
  IFF_MULTI_QUEUE: 0x0100,
  IFF_PERSIST: 0x0800,
  IFF_NO_PI: 0x1000,
  IFF_ONE_QUEUE: 0x2000,
  IFF_VNET_HDR: 0x4000,
  IFF_TUN_EXCL: 0x8000,
} as const;

/** IFNAMSIZ: an interface name and its terminating NUL. */
export const IFNAMSIZ = 16;

/** sizeof(struct ifreq) on 64-bit Linux: the name and a 24-byte union. */
export const IFREQ_SIZE = 40;

export const TUN_DEVICE = '/dev/net/tun';
