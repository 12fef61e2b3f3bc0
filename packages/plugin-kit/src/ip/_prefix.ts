// Internal: prefix arithmetic on "ip/prefix" text, as Go's net.IPNet.Contains sees it.
import { formatIp, isIpv4Like, parseCidr, parseIp } from '@cni-ts/spec-types';

/** The last 4 bytes of an IPv4(-mapped) address, or the 16 bytes of an IPv6 one. */
function normalized(bytes: Uint8Array): Uint8Array {
  return isIpv4Like(bytes) ? bytes.subarray(bytes.length - 4) : bytes;
}

/** True when `ip` (an IP or "ip/prefix", whose IP is taken) lies in the prefix `cidr`. */
export function prefixContains(cidr: string, ip: string): boolean {
  const net = parseCidr(cidr);
  const slash = ip.indexOf('/');
  const raw = parseIp(slash < 0 ? ip : ip.slice(0, slash));
  if (net === undefined || raw === undefined) return false;
  const network = normalized(net.ip);
  const address = normalized(raw);
  if (network.length !== address.length) return false;
  const prefix = network.length === 4 && net.ip.length === 16 ? net.prefix - 96 : net.prefix;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit & 7);
    if (((network[bit >> 3] ?? 0) & mask) !== ((address[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

/** The network address of "ip/prefix" as "net/prefix" (host bits cleared), Go's canonical text. */
export function networkOf(cidr: string): string | undefined {
  const net = parseCidr(cidr);
  if (net === undefined) return undefined;
  const bytes = normalized(net.ip).slice();
  const prefix = bytes.length === 4 && net.ip.length === 16 ? net.prefix - 96 : net.prefix;
  for (let bit = prefix; bit < bytes.length * 8; bit++) {
    bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) & ~(0x80 >> (bit & 7));
  }
  return `${formatIp(bytes)}/${prefix}`;
}

/** The IP part of "ip/prefix" (or the text itself when it has no prefix). */
export function ipOf(cidr: string): string {
  const slash = cidr.indexOf('/');
  return slash < 0 ? cidr : cidr.slice(0, slash);
}

/** 4 or 6 for an IP or "ip/prefix" text (an IPv4-mapped address counts as 4, as in Go). */
export function familyOf(text: string): 4 | 6 {
  const bytes = parseIp(ipOf(text));
  return bytes !== undefined && isIpv4Like(bytes) ? 4 : 6;
}
