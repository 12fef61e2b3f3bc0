import { getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { lookupErrorText } from './_link-lookup.ts';
import { NetSetupError } from './net-setup-error.ts';

/** The container end of a veth and its peer found in the host namespace. */
export interface VethPeerPair {
  readonly container: Link;
  readonly host: Link;
}

const OP = 'getVethPeerInHost';

/**
 * Finds the host end of the container's veth `ifName`, as upstream's GetVethPeerIfindex
 * followed by a lookup in the host namespace: `ip link show dev IFNAME` through
 * `containerSock` (RTM_GETLINK; the peer index is its IFLA_LINK), then `ip link show`
 * of that index through `hostSock`. The host link must be a veth whose own peer index is the
 * container end's, so an index that merely exists in the host namespace is not mistaken
 * for the peer. Failures are NetSetupError with upstream's texts: `could not look up "X":
 * …`, `interface "X" was not a veth interface` ('not-veth'), `veth peer with index N is not
 * in host ns` ('not-veth').
 */
export function getVethPeerInHost(
  containerSock: NetlinkRequester,
  hostSock: NetlinkRequester,
  ifName: string,
): VethPeerPair {
  let container: Link;
  try {
    container = getLink(containerSock, { name: ifName });
  } catch (error) {
    throw new NetSetupError(
      OP,
      'kernel',
      `could not look up ${JSON.stringify(ifName)}: ${lookupErrorText(error)}`,
      error,
    );
  }
  if (container.kind !== 'veth' || container.link === undefined || container.link <= 0) {
    throw new NetSetupError(
      OP,
      'not-veth',
      `interface ${JSON.stringify(ifName)} was not a veth interface`,
    );
  }
  const peerIndex = container.link;
  let host: Link;
  try {
    host = getLink(hostSock, { index: peerIndex });
  } catch (error) {
    throw new NetSetupError(
      OP,
      'not-veth',
      `veth peer with index ${peerIndex} is not in host ns`,
      error,
    );
  }
  if (host.kind !== 'veth' || host.link !== container.index) {
    throw new NetSetupError(OP, 'not-veth', `veth peer with index ${peerIndex} is not in host ns`);
  }
  return { container, host };
}
