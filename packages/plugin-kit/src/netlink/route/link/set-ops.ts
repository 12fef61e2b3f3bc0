import type { NetlinkRequester } from '../../socket/requester.ts';
import { setLinkRequest } from './requests.ts';
import type { LinkChanges } from './types.ts';

/**
 * Changes a link: `ip link set dev X [up|down] [mtu N] [address M] [name N] [master M]
 * [netns NS] [txqueuelen N] [promisc on|off] [allmulticast on|off] [alias A]` in one
 * RTM_NEWLINK (flags through ifi_flags/ifi_change, the rest as IFLA_* attributes).
 */
export function setLink(sock: NetlinkRequester, index: number, changes: LinkChanges): void {
  sock.request(setLinkRequest(index, changes));
}

/** `ip link set dev X up` (RTM_NEWLINK, IFF_UP in ifi_flags and ifi_change). */
export function setLinkUp(sock: NetlinkRequester, index: number): void {
  setLink(sock, index, { up: true });
}

/** `ip link set dev X down` (RTM_NEWLINK, IFF_UP in ifi_change only). */
export function setLinkDown(sock: NetlinkRequester, index: number): void {
  setLink(sock, index, { up: false });
}

/** `ip link set dev X mtu N` (RTM_NEWLINK, IFLA_MTU). */
export function setLinkMtu(sock: NetlinkRequester, index: number, mtu: number): void {
  setLink(sock, index, { mtu });
}

/** `ip link set dev X address aa:bb:…` (RTM_NEWLINK, IFLA_ADDRESS). */
export function setLinkMac(sock: NetlinkRequester, index: number, mac: string): void {
  setLink(sock, index, { mac });
}

/** `ip link set dev X name Y` (RTM_NEWLINK, IFLA_IFNAME; the link must be down). */
export function setLinkName(sock: NetlinkRequester, index: number, name: string): void {
  setLink(sock, index, { name });
}

/** `ip link set dev X master M` (RTM_NEWLINK, IFLA_MASTER). */
export function setLinkMaster(sock: NetlinkRequester, index: number, masterIndex: number): void {
  setLink(sock, index, { master: masterIndex });
}

/** `ip link set dev X nomaster` (RTM_NEWLINK, IFLA_MASTER 0). */
export function setLinkNoMaster(sock: NetlinkRequester, index: number): void {
  setLink(sock, index, { master: 0 });
}

/**
 * `ip link set dev X netns NS` (RTM_NEWLINK, IFLA_NET_NS_FD): moves the link into the
 * namespace of an open namespace file descriptor (e.g. `openNetns(path).fd`).
 */
export function moveLinkToNetns(sock: NetlinkRequester, index: number, netnsFd: number): void {
  setLink(sock, index, { netnsFd });
}

/** `ip link set dev X txqueuelen N` (RTM_NEWLINK, IFLA_TXQLEN). */
export function setLinkTxQueueLen(sock: NetlinkRequester, index: number, txqlen: number): void {
  setLink(sock, index, { txqlen });
}

/** `ip link set dev X promisc on|off` (RTM_NEWLINK, IFF_PROMISC via ifi_change). */
export function setLinkPromisc(sock: NetlinkRequester, index: number, on: boolean): void {
  setLink(sock, index, { promisc: on });
}

/** `ip link set dev X allmulticast on|off` (RTM_NEWLINK, IFF_ALLMULTI via ifi_change). */
export function setLinkAllmulti(sock: NetlinkRequester, index: number, on: boolean): void {
  setLink(sock, index, { allmulti: on });
}

/** `ip link set dev X alias TEXT` (RTM_NEWLINK, IFLA_IFALIAS; '' clears it). */
export function setLinkAlias(sock: NetlinkRequester, index: number, alias: string): void {
  setLink(sock, index, { alias });
}
