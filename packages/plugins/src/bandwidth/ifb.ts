import {
  addLink,
  deleteLink,
  formatHashWithPrefix,
  getLink,
  isNotFound,
  type Link,
  type NetlinkRequester,
} from '@cni-ts/plugin-kit';

/** Linux's limit on a link name (IFNAMSIZ - 1). */
const MAX_IFB_NAME = 15;

/**
 * The ifb device of a container, named as upstream names it: `bwp` and the first 12 hex
 * digits of sha512(network name + container id), e.g. `bwp8d8247564e11`.
 */
export function ifbName(network: string, containerId: string): string {
  return formatHashWithPrefix(MAX_IFB_NAME, 'bwp', network + containerId);
}

/**
 * Creates the ifb up with the host veth's MTU and no transmit queue length (what the Go
 * plugin's request leaves it at), as `ip link add NAME mtu MTU txqueuelen 0 up type ifb`.
 */
export function createIfb(sock: NetlinkRequester, name: string, mtu: number): Link {
  addLink(sock, { name, kind: 'ifb', mtu, txqlen: 0, up: true });
  return getLink(sock, { name });
}

/** Deletes the ifb (its tbf goes with it); a missing one is fine. */
export function deleteIfb(sock: NetlinkRequester, name: string): void {
  try {
    deleteLink(sock, { name });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
