import { type Netns, withNetns } from '../netns/netns.ts';
import { close, SOCK_CLOEXEC, SOCK_DGRAM, sendto, socket } from '../sys/libc.ts';
import {
  ALL_NODES_MAC,
  BROADCAST_MAC,
  ETH_P_ARP,
  ETH_P_IPV6,
  gratuitousArpPayload,
  unsolicitedNaPacket,
} from './announce-frames.ts';

const AF_PACKET = 17;
const ARPHRD_ETHER = 1;

/** struct sockaddr_ll for sending on `index` to `destination`. */
function sockaddrLl(protocol: number, index: number, destination: Uint8Array): Uint8Array {
  const address = new Uint8Array(20);
  const view = new DataView(address.buffer);
  view.setUint16(0, AF_PACKET, true);
  view.setUint16(2, protocol, false);
  view.setInt32(4, index, true);
  view.setUint16(8, ARPHRD_ETHER, true);
  address[11] = 6; // sll_halen
  address.set(destination, 12);
  return address;
}

function sendFrame(
  netns: Netns | undefined,
  protocol: number,
  index: number,
  destination: Uint8Array,
  payload: Uint8Array,
): void {
  const open = (): number => socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const fd = netns === undefined ? open() : withNetns(netns, open);
  try {
    sendto(fd, payload, 0, sockaddrLl(protocol, index, destination));
  } finally {
    close(fd);
  }
}

export interface AnnounceTarget {
  /** Interface index (in `netns` when given). */
  readonly index: number;
  readonly mac: string;
  /** Namespace of the interface; the packet socket is opened inside it. */
  readonly netns?: Netns;
}

/** Sends a gratuitous ARP request for an IPv4 address (`arping -U -I <if> <ip>`). */
export function sendGratuitousArp(ip: string, target: AnnounceTarget): void {
  sendFrame(
    target.netns,
    ETH_P_ARP,
    target.index,
    BROADCAST_MAC,
    gratuitousArpPayload(ip, target.mac),
  );
}

/** Sends an unsolicited neighbour advertisement for an IPv6 address to all nodes. */
export function sendUnsolicitedNa(ip: string, target: AnnounceTarget): void {
  sendFrame(
    target.netns,
    ETH_P_IPV6,
    target.index,
    ALL_NODES_MAC,
    unsolicitedNaPacket(ip, target.mac),
  );
}

/** Announces every address: gratuitous ARP for IPv4, unsolicited NA for IPv6. */
export function announceAddresses(ips: readonly string[], target: AnnounceTarget): void {
  for (const ip of ips) {
    if (ip.includes(':')) sendUnsolicitedNa(ip, target);
    else sendGratuitousArp(ip, target);
  }
}
