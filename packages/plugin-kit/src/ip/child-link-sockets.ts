import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import { openContainerNetns } from '../netns/open-container-netns.ts';

/**
 * Where a child link (macvlan, ipvlan, vlan) is made: the container namespace and route
 * sockets in it and in the parent's namespace. Its fields are createContainerLink's
 * placement options, so `createContainerLink({ ...sockets, ifName, what, spec })` works.
 */
export interface ChildLinkSockets extends Disposable {
  readonly containerNetns: Netns;
  readonly containerSock: NetlinkRequester;
  /** The container's socket when `inContainer`, else the caller's (the host's). */
  readonly parentSock: NetlinkRequester;
  /** The parent link lives in the container (`linkInContainer`). */
  readonly inContainer: boolean;
}

/**
 * Opens CNI_NETNS, a route socket in it and one in the caller's namespace, as upstream's
 * link plugins do before they look up the master. Dispose closes them, last first.
 */
export function openChildLinkSockets(netnsPath: string, inContainer: boolean): ChildLinkSockets {
  const netns = openContainerNetns(netnsPath);
  let containerSock: (NetlinkRequester & Disposable) | undefined;
  try {
    containerSock = openRouteSocket({ netns });
    const hostSock = openRouteSocket();
    const inner = containerSock;
    return {
      containerNetns: netns,
      containerSock: inner,
      parentSock: inContainer ? inner : hostSock,
      inContainer,
      [Symbol.dispose]() {
        hostSock[Symbol.dispose]();
        inner[Symbol.dispose]();
        netns[Symbol.dispose]();
      },
    };
  } catch (error) {
    containerSock?.[Symbol.dispose]();
    netns[Symbol.dispose]();
    throw error;
  }
}
