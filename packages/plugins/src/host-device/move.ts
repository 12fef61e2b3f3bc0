import {
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  listLinks,
  type NetlinkRequester,
  type Netns,
  setLink,
  setLinkDown,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

function fail(message: string, cause: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, { cause });
}

/** Where a device moves between: both namespaces and a route socket in each. */
export interface MovePlaces {
  readonly netns: Netns;
  readonly sock: NetlinkRequester;
  readonly hostNetns: Netns;
  readonly hostSock: NetlinkRequester;
}

/** After a failed move: the device, if it reached the container, found by its alias. */
function recover(link: Link, places: MovePlaces): void {
  try {
    const stray = listLinks(places.sock).find((candidate) => candidate.alias === link.name);
    if (stray !== undefined) {
      setLink(places.sock, stray.index, { netnsFd: places.hostNetns.fd, name: link.name });
    }
    const back = getLink(places.hostSock, { name: link.name });
    setLink(places.hostSock, back.index, { alias: link.alias ?? '' });
  } catch {
    // the move's error is the one to report
  }
}

/**
 * Moves a host link into the container under CNI_IFNAME, remembering its host name in its
 * alias (as upstream, so DEL can give it back): `ip link set DEV alias DEV`, then one
 * RTM_NEWLINK with IFLA_NET_NS_FD and IFLA_IFNAME (the kernel moves, then renames). A
 * name taken in the container is refused before anything changes; when the move fails
 * halfway the device is brought back under its name and its alias restored.
 */
export function moveIntoContainer(link: Link, places: MovePlaces, ifName: string): void {
  try {
    getLink(places.sock, { name: ifName });
    throw new CniError(
      CniErrorCode.Internal,
      `container interface ${JSON.stringify(ifName)} already exists: file exists`,
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    setLink(places.hostSock, link.index, { alias: link.name });
  } catch (error) {
    fail(`failed to set alias to ${JSON.stringify(link.name)}: ${goErrorText(error)}`, error);
  }
  try {
    setLink(places.hostSock, link.index, { netnsFd: places.netns.fd, name: ifName });
  } catch (error) {
    recover(link, places);
    fail(
      `failed to move ${JSON.stringify(link.name)} to container netns as ${JSON.stringify(ifName)}: ${goErrorText(error)}`,
      error,
    );
  }
}

/**
 * Gives a device back to the host: down, alias cleared, moved to `hostNetns` under its
 * original name in one request. Upstream leaves it down too.
 */
export function moveBackToHost(
  containerSock: NetlinkRequester,
  link: Link,
  hostNetns: Netns,
  hostName: string,
): void {
  try {
    setLinkDown(containerSock, link.index);
    setLink(containerSock, link.index, { alias: '' });
    setLink(containerSock, link.index, { netnsFd: hostNetns.fd, name: hostName });
  } catch (error) {
    fail(
      `failed to move ${JSON.stringify(link.name)} back to the host as ${JSON.stringify(hostName)}: ${goErrorText(error)}`,
      error,
    );
  }
}
