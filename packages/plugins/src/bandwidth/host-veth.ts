import {
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  type Netns,
  openRouteSocket,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Interface100 } from '@cni-ts/spec-types';

/** The container's veth and its host end, which prevResult names. */
export interface VethEnds {
  readonly container: Link;
  readonly host: Link;
}

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

function noPeer(ifName: string, why: string, cause?: unknown): CniError {
  const message = `container interface ${ifName} has no veth peer: ${why}`;
  return new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

/** CNI_IFNAME in the container, which must be a veth; its peer's index is in the host. */
function containerVeth(netns: Netns, ifName: string): Link {
  using sock = openRouteSocket({ netns });
  let link: Link;
  try {
    link = getLink(sock, { name: ifName });
  } catch (error) {
    const why = isNotFound(error) ? 'Link not found' : goErrorText(error);
    throw noPeer(ifName, `could not look up ${JSON.stringify(ifName)}: ${why}`, error);
  }
  if (link.kind !== 'veth' || link.link === undefined || link.link <= 0) {
    throw noPeer(ifName, `interface ${JSON.stringify(ifName)} was not a veth interface`);
  }
  return link;
}

/**
 * Finds the host end of the container's veth as upstream does: the peer index of CNI_IFNAME
 * inside the container, that index in this (the host) namespace, and an interface of
 * prevResult with its name and no sandbox. Fails with upstream's words: `no interfaces
 * provided`, `container interface X has no veth peer: …`, `veth peer with index N is not in
 * host ns`, `no veth peer of container interface found in host ns`.
 */
export function findVethEnds(
  netns: Netns,
  ifName: string,
  interfaces: readonly Interface100[],
): VethEnds {
  if (interfaces.length === 0) fail('no interfaces provided');
  const container = containerVeth(netns, ifName);
  const peer = container.link ?? 0;
  using sock = openRouteSocket();
  let host: Link;
  try {
    host = getLink(sock, { index: peer });
  } catch (error) {
    fail(`veth peer with index ${peer} is not in host ns`, error);
  }
  const named = interfaces.some((intf) => (intf.sandbox ?? '') === '' && intf.name === host.name);
  if (!named) fail('no veth peer of container interface found in host ns');
  return { container, host };
}
