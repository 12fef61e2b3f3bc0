// IP text <-> bytes for rtnetlink, with the address family the kernel expects.
// Internal to route/: address, route, rule and neighbour codecs share it (link and tc may too).
// Text is Go's canonical form (spec-types formatIp/parseIp), so records compare with CNI results.
import { formatIp, parseCidr, parseIp } from '@cni-ts/spec-types';
import { AF } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';

/** The two IP families an address, route or rule can have. */
export type InetFamily = typeof AF.INET | typeof AF.INET6;

/** An IP address as bytes, with its family. */
export interface IpBytes {
  readonly family: InetFamily;
  readonly bytes: Uint8Array;
}

/** A prefix ("ip/len") as bytes; the address keeps its host bits, as written. */
export interface PrefixBytes extends IpBytes {
  readonly prefix: number;
}

/** The byte length of an address of `family` (4 or 16), or undefined for other families. */
export function ipLength(family: number): number | undefined {
  if (family === AF.INET) return 4;
  if (family === AF.INET6) return 16;
  return undefined;
}

function familyOfBytes(bytes: Uint8Array): InetFamily {
  return bytes.length === 4 ? AF.INET : AF.INET6;
}

/**
 * Parses an IP address. Throws TypeError naming `what` when the text is not one.
 * IPv4 text gives AF_INET (4 bytes), IPv6 text AF_INET6 (16 bytes).
 */
export function parseIpBytes(text: string, what: string): IpBytes {
  const bytes = parseIp(text);
  if (bytes === undefined) throw new TypeError(`${what}: '${text}' is not an IP address`);
  return { family: familyOfBytes(bytes), bytes };
}

/**
 * Parses "ip/len", or a bare IP as a host prefix (/32, /128). Throws TypeError naming
 * `what` when the text is neither.
 */
export function parsePrefixBytes(text: string, what: string): PrefixBytes {
  const slash = text.indexOf('/');
  const ip = parseIpBytes(slash < 0 ? text : text.slice(0, slash), what);
  if (slash < 0) return { ...ip, prefix: ip.bytes.length * 8 };
  // The address parsed: spec-types' parseCidr fails only for the prefix now.
  const cidr = parseCidr(text);
  if (cidr === undefined) throw new TypeError(`${what}: '${text}' has an invalid prefix length`);
  return { ...ip, prefix: cidr.prefix };
}

/** The address with every bit after `prefix` cleared (the network address). */
export function maskPrefix(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = bytes.slice();
  for (let bit = prefix; bit < out.length * 8; bit++) {
    const index = bit >> 3;
    out[index] = (out[index] ?? 0) & ~(0x80 >> (bit & 7));
  }
  return out;
}

/** The address with every bit after `prefix` set (the IPv4 broadcast address). */
export function broadcastOf(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = bytes.slice();
  for (let bit = prefix; bit < out.length * 8; bit++) {
    const index = bit >> 3;
    out[index] = (out[index] ?? 0) | (0x80 >> (bit & 7));
  }
  return out;
}

/**
 * IP text to bytes of `family`: an IPv4 address in an AF_INET6 message becomes
 * ::ffff:a.b.c.d (the form Go prints back as a.b.c.d). For a family that is not
 * AF_INET/AF_INET6 (a bridge FDB entry's remote), the text decides the length.
 */
export function ipToBytes(text: string, family: number, what: string): Uint8Array {
  const ip = parseIpBytes(text, what);
  const length = ipLength(family);
  if (length === undefined || length === ip.bytes.length) return ip.bytes;
  if (length === 16) {
    const mapped = new Uint8Array(16);
    mapped[10] = 0xff;
    mapped[11] = 0xff;
    mapped.set(ip.bytes, 12);
    return mapped;
  }
  throw new TypeError(`${what}: '${text}' is not an IPv4 address`);
}

/**
 * Address bytes from the kernel to text. The length must match `family` (4 for AF_INET,
 * 16 for AF_INET6); for other families 4 or 16 bytes are accepted. Anything else throws
 * DecodeError at `path`.
 */
export function ipFromBytes(bytes: Uint8Array, family: number, path: readonly string[]): string {
  const length = ipLength(family);
  const ok =
    length === undefined ? bytes.length === 4 || bytes.length === 16 : bytes.length === length;
  if (!ok) {
    const wanted = length === undefined ? '4 or 16' : String(length);
    throw new DecodeError(
      path,
      `address of ${bytes.length} bytes, family ${family} needs ${wanted}`,
    );
  }
  return formatIp(bytes);
}

/** "ip/len" text from address bytes and a prefix length. */
export function prefixText(ip: string, prefix: number): string {
  return `${ip}/${prefix}`;
}

/** The all-zero address of a family as "ip/0": the destination of a default route. */
export function defaultPrefix(family: number): string {
  return family === AF.INET6 ? '::/0' : '0.0.0.0/0';
}
