/**
 * IP text handling with Go's `net` rules, which is what CNI configs and results are
 * written against: dotted-decimal IPv4 with no leading zeros, IPv6 with an optional
 * trailing dotted quad, no zone. Printing follows Go's `IP.String()`: IPv4 and
 * IPv4-mapped IPv6 as dotted quad, other IPv6 in RFC 5952 form.
 */

/** An address family. */
export type IpFamily = 4 | 6;

/** A parsed CIDR: the address as written (host bits kept) and the prefix length. */
export interface Cidr {
  /** 4 bytes for IPv4 text, 16 for IPv6 text. */
  readonly ip: Uint8Array;
  readonly prefix: number;
}

// Character loops rather than regular expressions: every plugin exec parses addresses, and
// a regular expression's first use costs it about 40 µs.

/** 1 to 3 ASCII digits (`/^\d{1,3}$/`). */
function isShortDecimal(text: string): boolean {
  if (text.length === 0 || text.length > 3) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** 1 to 4 hex digits (`/^[0-9a-fA-F]{1,4}$/`). */
function isHexGroup(text: string): boolean {
  if (text.length === 0 || text.length > 4) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex) return false;
  }
  return true;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!isShortDecimal(part) || (part.length > 1 && part[0] === '0')) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

function parseGroups(text: string, out: number[]): boolean {
  if (text === '') return true;
  for (const group of text.split(':')) {
    if (!isHexGroup(group)) return false;
    out.push(Number.parseInt(group, 16));
  }
  return true;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let body = text;
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // A trailing dotted quad stands for the last two groups.
    tail = parseIpv4(text.slice(lastColon + 1));
    if (!tail) return undefined;
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const wanted = tail ? 6 : 8;
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head: number[] = [];
  const rest: number[] = [];
  if (!parseGroups(halves[0] ?? '', head)) return undefined;
  if (halves.length === 2) {
    if (!parseGroups(halves[1] ?? '', rest)) return undefined;
    if (head.length + rest.length >= wanted) return undefined;
  } else if (head.length !== wanted) {
    return undefined;
  }
  // The groups, the zeros '::' stands for, the rest: loops, not a spread of a holey array and
  // forEach, builtins whose first call costs an exec (issue 22).
  const bytes = new Uint8Array(16);
  let at = 0;
  const put = (group: number): void => {
    bytes[at++] = group >> 8;
    bytes[at++] = group & 0xff;
  };
  for (const group of head) put(group);
  for (let k = head.length + rest.length; k < wanted; k++) put(0);
  for (const group of rest) put(group);
  if (tail) bytes.set(tail, 12);
  return bytes;
}

/** Parses an IP address as Go's `net.ParseIP` does; undefined when it is not one. */
export function parseIp(text: string): Uint8Array | undefined {
  if (text.includes(':')) return parseIpv6(text);
  return parseIpv4(text);
}

/** True when `bytes` is an IPv4 address or an IPv4-mapped IPv6 address (Go's `To4() != nil`). */
export function isIpv4Like(bytes: Uint8Array): boolean {
  if (bytes.length === 4) return true;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** The family Go assigns to an address: 4 for IPv4 and IPv4-mapped IPv6, else 6. */
export function ipFamily(bytes: Uint8Array): IpFamily {
  return isIpv4Like(bytes) ? 4 : 6;
}

/** Prints an address as Go's `IP.String()`. */
export function formatIp(bytes: Uint8Array): string {
  if (isIpv4Like(bytes)) {
    // A plain join: Array.from costs an exec ~0.2 ms the first time (JSC compiles it then).
    const at = bytes.length - 4;
    return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (list: number[]): string => {
    let text = '';
    for (let i = 0; i < list.length; i++)
      text += (i === 0 ? '' : ':') + (list[i] ?? 0).toString(16);
    return text;
  };
  if (bestLength < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** Parses "ip/prefix" as Go's `net.ParseCIDR` (host bits kept); undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !isShortDecimal(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > ip.length * 8) return undefined;
  return { ip, prefix };
}

/**
 * Prints a CIDR as Go's `IPNet.String()`. An IPv4-mapped address written with an IPv6
 * prefix is printed as IPv4 with the prefix's last 32 bits, as Go does.
 */
export function formatCidr(cidr: Cidr): string {
  const prefix =
    cidr.ip.length === 16 && isIpv4Like(cidr.ip) ? Math.max(0, cidr.prefix - 96) : cidr.prefix;
  return `${formatIp(cidr.ip)}/${prefix}`;
}

/** The canonical text of an IP address, or undefined when `text` is not one. */
export function canonicalIp(text: string): string | undefined {
  const ip = parseIp(text);
  return ip ? formatIp(ip) : undefined;
}

/** The canonical text of a CIDR, or undefined when `text` is not one. */
export function canonicalCidr(text: string): string | undefined {
  const cidr = parseCidr(text);
  return cidr ? formatCidr(cidr) : undefined;
}
