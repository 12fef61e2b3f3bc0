import { isNotFound } from '../errors/predicates.ts';
import type { LinkKindSpec } from '../netlink/route/link/kinds/kind-map.ts';
import { addLink, deleteLink, getLink } from '../netlink/route/link/ops.ts';
import { setLinkName } from '../netlink/route/link/set-ops.ts';
import type { Link, LinkBaseSpec } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import { goErrorText } from './_go-format.ts';
import { randomVethName } from './create-veth-pair.ts';
import { NetSetupError } from './net-setup-error.ts';

const OP = 'createContainerLink';

/** The link to make: its kind and attributes, without the name and namespace. */
export type ContainerLinkSpec = LinkKindSpec & Omit<LinkBaseSpec, 'name' | 'netnsFd' | 'netnsPid'>;

export interface CreateContainerLinkOptions {
  /**
   * A route socket in the namespace of the parent link (`spec.parent` is its index
   * there): the host's, or the container's when the parent lives in the container.
   */
  readonly parentSock: NetlinkRequester;
  /** The container namespace. */
  readonly containerNetns: Netns;
  /** A route socket in the container namespace (it may be `parentSock`). */
  readonly containerSock: NetlinkRequester;
  /** True when `parentSock` is the container's: the link is made in place. */
  readonly inContainer?: boolean;
  /** The link's final name in the container (CNI_IFNAME). */
  readonly ifName: string;
  readonly spec: ContainerLinkSpec;
  /** The kind as error messages name it, e.g. "macvlan". */
  readonly what: string;
  /** Makes the temporary name (default `veth` + 8 random hex digits). */
  readonly randomName?: () => string;
}

function deleteQuietly(sock: NetlinkRequester, index: number): void {
  try {
    deleteLink(sock, { index });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/**
 * Makes a child link of a parent (macvlan, ipvlan, vlan…) for a container, as upstream
 * does: `ip link add TMP link PARENT [mtu] [address] netns CONTAINER type KIND …` under a
 * temporary `vethXXXXXXXX` name (a request naming CNI_IFNAME would change a host link of
 * that name instead of failing), then `ip link set TMP name IFNAME` inside the container.
 * When the rename fails (the name is taken) the link is deleted again. Returns the link as
 * read in the container; it is left down.
 *
 * Errors are NetSetupError 'kernel' with upstream's texts: `failed to create macvlan: …`,
 * `failed to rename macvlan to "eth0": file exists`.
 */
export function createContainerLink(options: CreateContainerLinkOptions): Link {
  const { parentSock, containerSock, ifName, what } = options;
  const tmpName = (options.randomName ?? randomVethName)();
  const placement = options.inContainer === true ? {} : { netnsFd: options.containerNetns.fd };
  try {
    addLink(parentSock, { ...options.spec, ...placement, name: tmpName });
  } catch (error) {
    throw new NetSetupError(OP, 'kernel', `failed to create ${what}: ${goErrorText(error)}`, error);
  }
  const made = getLink(containerSock, { name: tmpName });
  try {
    setLinkName(containerSock, made.index, ifName);
  } catch (error) {
    deleteQuietly(containerSock, made.index);
    throw new NetSetupError(
      OP,
      'kernel',
      `failed to rename ${what} to ${JSON.stringify(ifName)}: ${goErrorText(error)}`,
      error,
    );
  }
  try {
    return getLink(containerSock, { index: made.index });
  } catch (error) {
    deleteQuietly(containerSock, made.index);
    throw error;
  }
}
