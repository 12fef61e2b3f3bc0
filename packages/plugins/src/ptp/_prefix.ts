import {
  formatCidr,
  formatIp,
  type IpFamily,
  ipFamily,
  parseCidr,
  parseIp,
} from '@cni-ts/spec-types';

// Prefix arithmetic for the routes ptp writes. Inputs come from an IPAM result, which the
// spec-types parser has already validated, so a malformed value is a programming error.

function cidrOf(text: string): NonNullable<ReturnType<typeof parseCidr>> {
  const cidr = parseCidr(text);
  if (cidr === undefined) throw new TypeError(`not an ip/prefix: ${JSON.stringify(text)}`);
  return cidr;
}

/** The family of an IP or "ip/prefix" text. */
export function familyOf(text: string): IpFamily {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) throw new TypeError(`not an IP: ${JSON.stringify(text)}`);
  return ipFamily(ip);
}

/** The address part of "ip/prefix", in canonical form. */
export function addressOf(cidr: string): string {
  return formatIp(cidrOf(cidr).ip);
}

/** The network of "ip/prefix" with the host bits cleared: "10.1.2.3/24" → "10.1.2.0/24". */
export function networkOf(cidr: string): string {
  const { ip, prefix } = cidrOf(cidr);
  // A loop, not Uint8Array.prototype.map, a builtin whose first call costs an exec.
  const masked = new Uint8Array(ip.length);
  for (let i = 0; i < ip.length; i++) {
    const bits = Math.min(8, Math.max(0, prefix - i * 8));
    masked[i] = (ip[i] ?? 0) & ((0xff << (8 - bits)) & 0xff);
  }
  return formatCidr({ ip: masked, prefix });
}

/** A single address as a prefix: "ip/32" or "ip/128". */
export function hostPrefix(ip: string): string {
  return `${ip}/${familyOf(ip) === 4 ? 32 : 128}`;
}
