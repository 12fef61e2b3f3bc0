import type { Netns } from '../../netns/netns.ts';
import { NETLINK } from '../codec/constants.ts';
import { openKernelTransport } from './kernel-transport.ts';
import { NetlinkSocket, type NetlinkSocketOptions } from './netlink-socket.ts';

export interface RouteSocketOptions extends NetlinkSocketOptions {
  /**
   * Open the socket inside this namespace. The socket keeps acting there after the thread
   * switches back, so it can be used from anywhere; close it when done.
   */
  readonly netns?: Netns;
}

/**
 * Opens a NETLINK_ROUTE socket (links, addresses, routes, rules, neighbours, qdiscs), in
 * `options.netns` when given, else in the caller's namespace. Close it with close() or
 * `using`. Dump requests are checked strictly where the kernel can (as iproute2 does), so
 * the kernel applies their filters (a per-link address dump returns that link's only);
 * the list operations filter the replies too, for kernels that cannot.
 */
export function openRouteSocket(options: RouteSocketOptions = {}): NetlinkSocket {
  const { netns, ...socketOptions } = options;
  const transport = openKernelTransport(
    NETLINK.ROUTE,
    netns === undefined ? { strictCheck: true } : { netns, strictCheck: true },
  );
  return new NetlinkSocket(transport, socketOptions);
}
