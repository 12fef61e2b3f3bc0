import { type Netns, withNetns } from '../../netns/netns.ts';
import { closeInKernelWorker } from '../../sys/close-in-kernel-worker.ts';
import {
  bind,
  close,
  getsockname,
  MSG_PEEK,
  MSG_TRUNC,
  recvfrom,
  SOCK_CLOEXEC,
  SOCK_RAW,
  sendto,
  socket,
} from '../../sys/libc.ts';
import { AF, NETLINK_SOCKOPT } from '../codec/constants.ts';
import { enableOptionalNetlinkOption } from './optional-sockopt.ts';
import type { Transport } from './transport.ts';

/** struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; } */
function sockaddrNl(pid: number, groups: number): Uint8Array {
  const address = new Uint8Array(12);
  const view = new DataView(address.buffer);
  view.setUint16(0, AF.NETLINK, true);
  view.setUint32(4, pid, true);
  view.setUint32(8, groups, true);
  return address;
}

export interface KernelTransportOptions {
  /** Create the socket inside this namespace; it keeps working there after the thread switches back. */
  readonly netns?: Netns;
  /** Multicast groups to join at bind time (nl_groups bitmask). */
  readonly groups?: number;
  /**
   * Ask the kernel to check dump requests strictly and apply their filters
   * (NETLINK_GET_STRICT_CHK, Linux 4.20+; a kernel without it dumps everything).
   */
  readonly strictCheck?: boolean;
}

/**
 * A real AF_NETLINK socket. With `netns`, the socket is created inside that namespace and
 * the thread switches back at once (DESIGN.md: open inside, use from outside). Extended
 * ACKs are turned on where the kernel has them, so kernel errors carry their text.
 */
export function openKernelTransport(
  protocol: number,
  options: KernelTransportOptions = {},
): Transport {
  const create = (): number => socket(AF.NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
  const fd = options.netns === undefined ? create() : withNetns(options.netns, create);
  try {
    bind(fd, sockaddrNl(0, options.groups ?? 0));
    enableOptionalNetlinkOption(fd, NETLINK_SOCKOPT.EXT_ACK);
    if (options.strictCheck) enableOptionalNetlinkOption(fd, NETLINK_SOCKOPT.GET_STRICT_CHK);
    const bound = getsockname(fd, 12);
    const portId = new DataView(bound.buffer, bound.byteOffset).getUint32(4, true);
    const kernel = sockaddrNl(0, 0);
    let buffer = new Uint8Array(32 * 1024);
    let open = true;
    return {
      portId,
      send(datagram) {
        sendto(fd, datagram, 0, kernel);
      },
      receive() {
        // Peek with MSG_TRUNC for the real size first, so a large dump part is never cut.
        const size = recvfrom(fd, buffer, MSG_PEEK | MSG_TRUNC);
        if (size > buffer.length) buffer = new Uint8Array(size);
        const length = recvfrom(fd, buffer, 0);
        return buffer.slice(0, length);
      },
      close() {
        if (!open) return;
        open = false;
        close(fd);
      },
      release() {
        if (!open) return;
        open = false;
        closeInKernelWorker(fd);
      },
    };
  } catch (error) {
    close(fd);
    throw error;
  }
}
