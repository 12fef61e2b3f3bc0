import { isExists, isNotFound } from '../errors/predicates.ts';
import { formatHex } from '../netlink/codec/hex.ts';
import { addLinkEcho, deleteLink, getLink } from '../netlink/route/link/ops.ts';
import { setLinkUp } from '../netlink/route/link/set-ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import { borrowRouteSocket } from '../netlink/socket/borrow-route-socket.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import { disableAcceptRa } from './_accept-ra.ts';
import { goErrorText } from './_go-format.ts';
import { linkByName } from './_link-lookup.ts';
import { NetSetupError } from './net-setup-error.ts';

export interface CreateVethPairOptions {
  /** Where the container end is created (the pair is made from inside it). */
  readonly containerNetns: Netns;
  /** Where the host end is placed at creation (VETH_INFO_PEER carries IFLA_NET_NS_FD). */
  readonly hostNetns: Netns;
  readonly containerIfName: string;
  /** The host end's name; absent: `veth` + 8 random hex digits, retried on a clash. */
  readonly hostIfName?: string;
  /** MTU of both ends (0 or absent: the kernel's default). */
  readonly mtu?: number;
  /** MAC of the container end, "aa:bb:cc:dd:ee:ff". */
  readonly containerMac?: string;
  /** Makes the random host names (tests pass a predictable one). */
  readonly randomName?: () => string;
  /** A route socket the caller holds in containerNetns (default: one opened for the call). */
  readonly containerSock?: NetlinkRequester;
  /** A route socket the caller holds in hostNetns (default: one opened for the call). */
  readonly hostSock?: NetlinkRequester;
}

/** Both ends as read after creation, each from its own namespace. */
export interface VethPair {
  readonly host: Link;
  readonly container: Link;
}

/** How many host names createVethPair tries, as upstream. */
export const VETH_NAME_ATTEMPTS = 10;

const OP = 'createVethPair';

/** `veth` + 8 random hex digits, as upstream's RandomVethName. */
export function randomVethName(): string {
  // Math.random, not crypto: a name needs no secrecy (a taken one is retried), and the first
  // use of crypto costs an exec about 70 µs.
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `veth${formatHex(bytes)}`;
}

function exists(sock: NetlinkRequester, name: string): boolean {
  try {
    getLink(sock, { name });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Tries one host name; true when the pair was made, false when the host name clashed. */
/** The container end as the kernel echoed it (undefined: no echo, read it), or false: taken. */
function tryCreate(
  sock: NetlinkRequester,
  hostName: string,
  options: CreateVethPairOptions,
): Link | undefined | false {
  const { containerIfName, hostNetns } = options;
  const mtu = options.mtu !== undefined && options.mtu > 0 ? { mtu: options.mtu } : {};
  try {
    // txqlen 0 on both ends, as the Go plugins' veths have (their netlink library sends
    // the zero value), so `ip link` shows the same objects (no qlen).
    return addLinkEcho(sock, {
      kind: 'veth',
      name: containerIfName,
      ...mtu,
      txqlen: 0,
      ...(options.containerMac === undefined ? {} : { mac: options.containerMac }),
      peer: { name: hostName, netnsFd: hostNetns.fd, ...mtu, txqlen: 0 },
    });
  } catch (error) {
    if (!isExists(error)) {
      throw new NetSetupError(
        OP,
        'kernel',
        `failed to make veth pair: ${goErrorText(error)}`,
        error,
      );
    }
    if (exists(sock, containerIfName)) {
      throw new NetSetupError(
        OP,
        'veth-name-taken',
        `container veth name provided (${containerIfName}) already exists`,
        error,
      );
    }
    if (options.hostIfName !== undefined) {
      throw new NetSetupError(
        OP,
        'veth-name-taken',
        `container veth name (${JSON.stringify(containerIfName)}) peer provided (${JSON.stringify(hostName)}) already exists`,
        error,
      );
    }
    return false;
  }
}

/**
 * Creates a veth pair the way upstream's SetupVeth does: from inside the container namespace,
 * `ip link add CONTAINER [mtu N] [address MAC] type veth peer name HOST [mtu N] netns HOST_NS`
 * (RTM_NEWLINK with the peer's IFLA_NET_NS_FD), so the host end never appears in the
 * container. Without `hostIfName` the host end is `veth` + 8 random hex digits, tried up to
 * 10 times when the name is taken. Then, in the host namespace: `ip link set dev HOST up`
 * and `sysctl net.ipv6.conf.HOST.accept_ra=0`. The container end is left down.
 *
 * A taken container-side name fails with NetSetupError('veth-name-taken', `container veth
 * name provided (eth0) already exists`). Both ends are read in their own namespace (the
 * host index is the host namespace's): the host end before it is set up, as upstream
 * returns it (its flags do not show IFF_UP; a second read would cost an exec a round trip
 * and a decode), the container end as the kernel echoed its creation (NLM_F_ECHO, Linux
 * 6.3 on), or read last on a kernel that does not echo. If any step fails, the pair is
 * deleted again.
 */
export function createVethPair(options: CreateVethPairOptions): VethPair {
  const makeName = options.randomName ?? randomVethName;
  using container = borrowRouteSocket(options.containerNetns, options.containerSock);
  const containerSock = container.sock;
  let hostName: string | undefined;
  let echoed: Link | undefined;
  for (let attempt = 0; attempt < VETH_NAME_ATTEMPTS && hostName === undefined; attempt++) {
    const candidate = options.hostIfName ?? makeName();
    const created = tryCreate(containerSock, candidate, options);
    if (created === false) continue;
    hostName = candidate;
    echoed = created;
  }
  if (hostName === undefined) {
    throw new NetSetupError(OP, 'veth-name-exhausted', 'failed to find a unique veth name');
  }
  try {
    using host = borrowRouteSocket(options.hostNetns, options.hostSock);
    const hostSock = host.sock;
    const hostLink = linkByName(hostSock, hostName, OP, 'failed to lookup');
    try {
      setLinkUp(hostSock, hostLink.index);
    } catch (error) {
      throw new NetSetupError(
        OP,
        'kernel',
        `failed to set ${JSON.stringify(hostName)} up: ${goErrorText(error)}`,
        error,
      );
    }
    disableAcceptRa(hostName, options.hostNetns);
    const container =
      echoed?.name === options.containerIfName
        ? echoed
        : getLink(containerSock, { name: options.containerIfName });
    return { host: hostLink, container };
  } catch (error) {
    try {
      deleteLink(containerSock, { name: options.containerIfName });
    } catch {
      // Best effort: the original error is the one to report.
    }
    throw error;
  }
}
