// The frames that announce a new address to the neighbours: a gratuitous ARP request for
// IPv4 (as upstream's macvlan/ipvlan send with arping) and an unsolicited neighbour
// advertisement for IPv6 (RFC 4861 §7.2.6). Pure byte builders, tested byte for byte.
import { parseIp } from '@cni-ts/spec-types';

export const ETH_P_ARP = 0x0806;
export const ETH_P_IPV6 = 0x86dd;
export const BROADCAST_MAC = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
/** 33:33:00:00:00:01, the Ethernet address of ff02::1 (all nodes). */
export const ALL_NODES_MAC = Uint8Array.of(0x33, 0x33, 0, 0, 0, 1);
const ALL_NODES_IP = Uint8Array.of(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

export function parseMac(text: string): Uint8Array {
  const parts = text.split(':');
  let valid = parts.length === 6;
  for (const part of parts) if (!/^[0-9a-fA-F]{2}$/.test(part)) valid = false;
  if (!valid) {
    throw new TypeError(`invalid MAC address "${text}"`);
  }
  return Uint8Array.from(parts, (p) => Number.parseInt(p, 16));
}

function ipBytes(text: string, family: 4 | 6): Uint8Array {
  const bytes = parseIp(text);
  if (bytes === undefined) throw new TypeError(`invalid IP address "${text}"`);
  if (family === 4) {
    if (bytes.length === 4) return bytes;
    throw new TypeError(`"${text}" is not an IPv4 address`);
  }
  if (bytes.length === 16) return bytes;
  throw new TypeError(`"${text}" is not an IPv6 address`);
}

/**
 * The ARP payload of a gratuitous request (the kernel adds the Ethernet header on an
 * AF_PACKET SOCK_DGRAM socket): sender and target protocol address are both `ip`,
 * target hardware address broadcast, as arping's gratuitous mode sends it.
 */
export function gratuitousArpPayload(ip: string, mac: string): Uint8Array {
  const out = new Uint8Array(28);
  const view = new DataView(out.buffer);
  view.setUint16(0, 1); // htype: Ethernet
  view.setUint16(2, 0x0800); // ptype: IPv4
  out[4] = 6; // hlen
  out[5] = 4; // plen
  view.setUint16(6, 1); // op: request
  const address = ipBytes(ip, 4);
  out.set(parseMac(mac), 8);
  out.set(address, 14);
  out.set(BROADCAST_MAC, 18);
  out.set(address, 24);
  return out;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * An IPv6 packet (header + ICMPv6) carrying an unsolicited neighbour advertisement for
 * `ip` to ff02::1: override flag set, solicited flag clear, with the target link-layer
 * address option, hop limit 255 and the ICMPv6 checksum over the pseudo-header.
 */
export function unsolicitedNaPacket(ip: string, mac: string): Uint8Array {
  const source = ipBytes(ip, 6);
  const icmp = new Uint8Array(32);
  icmp[0] = 136; // type: neighbour advertisement
  icmp[4] = 0x20; // flags: R=0 S=0 O=1
  icmp.set(source, 8); // target address
  icmp[24] = 2; // option: target link-layer address
  icmp[25] = 1; // length in units of 8 bytes
  icmp.set(parseMac(mac), 26);
  const pseudo = new Uint8Array(40 + icmp.length);
  pseudo.set(source, 0);
  pseudo.set(ALL_NODES_IP, 16);
  new DataView(pseudo.buffer).setUint32(32, icmp.length);
  pseudo[39] = 58; // next header: ICMPv6
  pseudo.set(icmp, 40);
  new DataView(icmp.buffer).setUint16(2, checksum(pseudo));
  const packet = new Uint8Array(40 + icmp.length);
  const view = new DataView(packet.buffer);
  view.setUint32(0, 0x60000000); // version 6
  view.setUint16(4, icmp.length);
  packet[6] = 58;
  packet[7] = 255; // hop limit
  packet.set(source, 8);
  packet.set(ALL_NODES_IP, 24);
  packet.set(icmp, 40);
  return packet;
}
