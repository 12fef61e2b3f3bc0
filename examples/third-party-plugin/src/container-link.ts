// The container's interface, reached through a netlink socket opened inside CNI_NETNS.
import {
  getLink,
  isNotFound,
  type Link,
  type NetlinkSocket,
  openNetns,
  openRouteSocket,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/** A route socket in the container's namespace; close it (or `using`) when done. */
export function containerSocket(netnsPath: string): NetlinkSocket {
  using netns = openNetns(netnsPath);
  return openRouteSocket({ netns });
}

/** The interface named ifName; a CniError (code 999) when there is none. */
export function containerLink(sock: NetlinkSocket, ifName: string): Link {
  try {
    return getLink(sock, { name: ifName });
  } catch (error) {
    if (isNotFound(error)) {
      throw new CniError(CniErrorCode.Internal, `no interface ${ifName} in the container`, {
        cause: error,
      });
    }
    throw error;
  }
}
