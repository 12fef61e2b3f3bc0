import {
  createVethPair,
  deleteLink,
  getLink,
  goErrorText,
  isNotFound,
  type NetlinkRequester,
  type Netns,
  openRouteSocket,
  setLinkUp,
  type VethPair,
  writeSysctl,
} from '@cni-ts/plugin-kit';

/** The container's veth pair as step 2 of upstream's bridge ADD makes it. */
export interface ContainerVethOptions {
  readonly netns: Netns;
  readonly hostNetns: Netns;
  /** Route sockets the ADD holds in the container and host namespaces. */
  readonly containerSock: NetlinkRequester;
  readonly hostSock: NetlinkRequester;
  readonly ifName: string;
  /** 0: the kernel's default. */
  readonly mtu: number;
  readonly mac?: string;
}

/**
 * Creates the pair from inside the container with the `veth…` end placed in the host
 * namespace, set up there with accept_ra=0 (plugin-kit's createVethPair, upstream's texts).
 */
export function createContainerVeth(options: ContainerVethOptions): VethPair {
  return createVethPair({
    containerNetns: options.netns,
    hostNetns: options.hostNetns,
    containerSock: options.containerSock,
    hostSock: options.hostSock,
    containerIfName: options.ifName,
    ...(options.mtu > 0 ? { mtu: options.mtu } : {}),
    ...(options.mac === undefined ? {} : { containerMac: options.mac }),
  });
}

/** Undo of createContainerVeth: deletes the container end (the host end goes with it). */
export function deleteContainerVeth(netns: Netns, index: number): void {
  using sock = openRouteSocket({ netns });
  try {
    deleteLink(sock, { index });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function trySysctl(netns: Netns, name: string, value: string): void {
  try {
    writeSysctl(name, value, { netns });
  } catch {
    // Upstream ignores these: the IPv6 ones are missing where IPv6 is disabled.
  }
}

/**
 * Step 7 of upstream's bridge ADD, inside the container: with `enabledad`
 * `net.ipv6.conf.IF.enhanced_dad=1` and `accept_dad=1`, else `accept_dad=0` (no waiting
 * for DAD, and no DAD failure from a hairpin echo); always `net.ipv4.conf.IF.arp_notify=1`.
 * Failures are ignored, as upstream does.
 */
export function setContainerSysctls(netns: Netns, ifName: string, enabledad: boolean): void {
  if (enabledad) {
    trySysctl(netns, `net/ipv6/conf/${ifName}/enhanced_dad`, '1');
    trySysctl(netns, `net/ipv6/conf/${ifName}/accept_dad`, '1');
  } else {
    trySysctl(netns, `net/ipv6/conf/${ifName}/accept_dad`, '0');
  }
  trySysctl(netns, `net/ipv4/conf/${ifName}/arp_notify`, '1');
}

/** Step 10 (L2 only): `ip link set dev IF up` in the container, with upstream's texts. */
export function setContainerLinkUp(netns: Netns, ifName: string): void {
  using sock = openRouteSocket({ netns });
  let index: number;
  try {
    index = getLink(sock, { name: ifName }).index;
  } catch (error) {
    throw new Error(`failed to retrieve link: ${goErrorText(error)}`, { cause: error });
  }
  try {
    setLinkUp(sock, index);
  } catch (error) {
    throw new Error(`failed to set ${JSON.stringify(ifName)} up: ${goErrorText(error)}`, {
      cause: error,
    });
  }
}
