import { maskPrefix, parseIpBytes, parsePrefixBytes } from '../route/_ip.ts';
import type { NftSetElem } from './set-elem.ts';

// Element keys from text, in the byte order nft stores them: addresses and ports in
// network order, and prefixes as the interval elements nft sends for them.

/** An IPv4 or IPv6 address as a key (ipv4_addr, ipv6_addr). */
export function ipKey(address: string): Uint8Array {
  return parseIpBytes(address, 'set element').bytes;
}

/** A port as a key (inet_service): two bytes, network order. */
export function portKey(port: number): Uint8Array {
  if (!Number.isInteger(port) || port < 0 || port > 0xffff) {
    throw new RangeError(`set element: ${port} is not a port`);
  }
  return Uint8Array.of(port >> 8, port & 0xff);
}

/** bytes + 1 as an unsigned big-endian number, or undefined when it overflows. */
function successor(bytes: Uint8Array): Uint8Array | undefined {
  const out = bytes.slice();
  for (let index = out.length - 1; index >= 0; index--) {
    const value = (out[index] ?? 0) + 1;
    out[index] = value & 0xff;
    if (value <= 0xff) return out;
  }
  return undefined;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let index = 0; index < a.length; index++) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The elements of an interval set holding `prefixes` ("10.0.0.0/8", "fd00::/64", a bare
 * address for one host), as nft sends `elements = { … }`: sorted, each prefix its network
 * address and the address after its last one (INTERVAL_END, also when the next prefix
 * starts there; left out when it would wrap past the top), and a leading INTERVAL_END at the zero address when the first interval
 * does not start there. Prefixes of one family, not overlapping.
 */
export function prefixIntervals(prefixes: readonly string[]): NftSetElem[] {
  const ranges = prefixes.map((text) => {
    const parsed = parsePrefixBytes(text, 'set element');
    const start = maskPrefix(parsed.bytes, parsed.prefix);
    const last = start.slice();
    for (let bit = parsed.prefix; bit < last.length * 8; bit++) {
      const index = bit >> 3;
      last[index] = (last[index] ?? 0) | (0x80 >> (bit & 7));
    }
    return { start, end: successor(last) };
  });
  const lengths = new Set(ranges.map((range) => range.start.length));
  if (lengths.size > 1) throw new TypeError('set element: prefixes of both families');
  ranges.sort((a, b) => compare(a.start, b.start));
  const elements: NftSetElem[] = [];
  const first = ranges[0];
  if (first?.start.some((byte) => byte !== 0)) {
    elements.push({ key: new Uint8Array(first.start.length), intervalEnd: true });
  }
  for (const range of ranges) {
    elements.push({ key: range.start });
    if (range.end !== undefined) elements.push({ key: range.end, intervalEnd: true });
  }
  return elements;
}
