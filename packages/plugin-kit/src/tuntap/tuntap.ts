// tun and tap devices through /dev/net/tun, as `ip tuntap add` makes them: TUNSETIFF, then
// TUNSETOWNER / TUNSETGROUP, then TUNSETPERSIST last, so a failure before it leaves nothing
// behind once the descriptor is closed. The device is created in the network namespace of
// the thread that opens /dev/net/tun, so the open runs under withNetns.
import type { Netns } from '../netns/netns.ts';
import { withNetns } from '../netns/netns.ts';
import { close, ifNameToIndex, ioctl, ioctlValue, O_CLOEXEC, O_RDWR, open } from '../sys/libc.ts';
import { isSyscallError } from '../sys/syscall-error.ts';
import { IFF_TUNTAP, TUN_DEVICE, TUN_IOCTL } from './constants.ts';
import { decodeIfreq, encodeIfreq } from './ifreq.ts';

export type TunTapMode = 'tun' | 'tap';

export interface TunTapOptions {
  /** The device name, or a pattern such as 'tap%d' that the kernel completes. */
  readonly name: string;
  readonly mode: TunTapMode;
  /**
   * Keep the device after the descriptor is closed (TUNSETPERSIST 1). A non-persistent
   * device exists only while the returned descriptor is open.
   */
  readonly persistent: boolean;
  /** The uid allowed to attach without CAP_NET_ADMIN (TUNSETOWNER). */
  readonly owner?: number;
  /** The gid allowed to attach without CAP_NET_ADMIN (TUNSETGROUP). */
  readonly group?: number;
  /** IFF_MULTI_QUEUE: several descriptors may attach as queues. */
  readonly multiQueue?: boolean;
  /** IFF_VNET_HDR: frames carry a virtio_net_hdr (what upstream's tap plugin asks for). */
  readonly vnetHdr?: boolean;
  /** Create the device in this namespace; the current one when absent. */
  readonly netns?: Netns;
}

/** A created device. `fd` is the open queue of a non-persistent device, null once closed. */
export interface TunTap {
  /** The name the kernel gave (a pattern like 'tap%d' is filled in). */
  readonly name: string;
  /** The attached descriptor for a non-persistent device; null for a persistent one. */
  readonly fd: number | null;
  /** Closes the descriptor (which removes a non-persistent device); no-op when persistent. */
  close(): void;
  [Symbol.dispose](): void;
}

function modeFlag(mode: TunTapMode): number {
  return mode === 'tun' ? IFF_TUNTAP.IFF_TUN : IFF_TUNTAP.IFF_TAP;
}

function featureFlags(options: { multiQueue?: boolean; vnetHdr?: boolean }): number {
  return (
    IFF_TUNTAP.IFF_NO_PI |
    (options.multiQueue === true ? IFF_TUNTAP.IFF_MULTI_QUEUE : 0) |
    (options.vnetHdr === true ? IFF_TUNTAP.IFF_VNET_HDR : 0)
  );
}

function inNetns(netns: Netns | undefined, fn: () => TunTap): TunTap {
  return netns === undefined ? fn() : withNetns(netns, fn);
}

function inNetnsVoid(netns: Netns | undefined, fn: () => void): void {
  if (netns === undefined) fn();
  else withNetns(netns, fn);
}

function openTun(): number {
  return open(TUN_DEVICE, O_RDWR | O_CLOEXEC);
}

/**
 * Creates a tun or tap device, like `ip tuntap add dev <name> mode <mode> [user U]
 * [group G] [multi_queue] [vnet_hdr]`, with IFF_NO_PI. IFF_TUN_EXCL is set, so a name that
 * exists already is a SyscallError with code EBUSY rather than an attach to it. The device
 * starts down, without addresses; the link layer (RTM_NEWLINK/RTM_DELLINK) renames, moves,
 * configures and deletes it.
 */
export function createTunTap(options: TunTapOptions): TunTap {
  const request = encodeIfreq(
    options.name,
    modeFlag(options.mode) | featureFlags(options) | IFF_TUNTAP.IFF_TUN_EXCL,
  );
  return inNetns(options.netns, () => {
    const fd = openTun();
    let name: string;
    try {
      ioctl(fd, TUN_IOCTL.TUNSETIFF, request);
      name = decodeIfreq(request).name;
      if (options.owner !== undefined) ioctlValue(fd, TUN_IOCTL.TUNSETOWNER, options.owner);
      if (options.group !== undefined) ioctlValue(fd, TUN_IOCTL.TUNSETGROUP, options.group);
      if (options.persistent) ioctlValue(fd, TUN_IOCTL.TUNSETPERSIST, 1);
    } catch (error) {
      close(fd); // not persistent yet: the device goes away with its only descriptor
      throw error;
    }
    if (options.persistent) {
      close(fd);
      const noop = (): void => {};
      return { name, fd: null, close: noop, [Symbol.dispose]: noop };
    }
    let isOpen = true;
    const closeOnce = (): void => {
      if (!isOpen) return;
      isOpen = false;
      close(fd);
    };
    return { name, fd, close: closeOnce, [Symbol.dispose]: closeOnce };
  });
}

export interface TunTapPersistOptions {
  /** The device's mode; both are tried when absent. */
  readonly mode?: TunTapMode;
  /** Whether the device is multi-queue; both are tried when absent. */
  readonly multiQueue?: boolean;
  /** IFF_VNET_HDR to set on the device while attached (attaching resets it). Default false. */
  readonly vnetHdr?: boolean;
  readonly netns?: Netns;
}

function isInvalid(error: unknown): boolean {
  return isSyscallError(error) && error.code === 'EINVAL';
}

/**
 * Turns the persistent flag of an existing tun/tap device on or off, like
 * `ip tuntap del dev <name> mode <mode>` (which attaches and clears it): with `false` the
 * device disappears once no descriptor holds it, and a device that does not exist is
 * success. Attaching needs the device's mode and multi-queue setting; when not given,
 * each combination is tried (a mismatch is EINVAL and changes nothing). A name that is not
 * a tun/tap device is a SyscallError with code EINVAL; a single-queue device that another
 * process holds open is EBUSY. Attaching resets the device's pi/vnet_hdr flags to IFF_NO_PI
 * plus `vnetHdr`.
 */
export function setTunTapPersist(
  name: string,
  persist: boolean,
  options: TunTapPersistOptions = {},
): void {
  const modes: readonly TunTapMode[] = options.mode === undefined ? ['tap', 'tun'] : [options.mode];
  const queues: readonly boolean[] =
    options.multiQueue === undefined ? [false, true] : [options.multiQueue];
  inNetnsVoid(options.netns, () => {
    try {
      ifNameToIndex(name);
    } catch (error) {
      if (!persist && isSyscallError(error) && error.code === 'ENODEV') return;
      throw error;
    }
    let mismatch: unknown;
    for (const mode of modes) {
      for (const multiQueue of queues) {
        const flags =
          modeFlag(mode) | featureFlags({ multiQueue, vnetHdr: options.vnetHdr === true });
        const fd = openTun();
        try {
          ioctl(fd, TUN_IOCTL.TUNSETIFF, encodeIfreq(name, flags));
          ioctlValue(fd, TUN_IOCTL.TUNSETPERSIST, persist ? 1 : 0);
          return;
        } catch (error) {
          if (!isInvalid(error)) throw error;
          mismatch = error;
        } finally {
          close(fd);
        }
      }
    }
    throw mismatch;
  });
}

/**
 * The name and ifr_flags (IFF_TUN/IFF_TAP, IFF_NO_PI, IFF_VNET_HDR, IFF_MULTI_QUEUE,
 * IFF_PERSIST…) of the device an open tun descriptor is attached to (TUNGETIFF).
 */
export function getTunTapInfo(fd: number): { name: string; flags: number } {
  const request = encodeIfreq('', 0);
  ioctl(fd, TUN_IOCTL.TUNGETIFF, request);
  return decodeIfreq(request);
}
