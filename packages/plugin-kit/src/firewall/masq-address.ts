import { formatCidr, formatIp, type IpFamily, ipFamily, parseCidr } from '@cni-ts/spec-types';

/** One container address as the masquerade rules use it. */
export interface MasqAddress {
  readonly family: IpFamily;
  /** The address alone: "10.1.0.5". */
  readonly ip: string;
  /** The address with its prefix as given (Go's IPNet.String()): "10.1.0.5/16". */
  readonly cidr: string;
  /** The subnet it belongs to: "10.1.0.0/16". */
  readonly network: string;
}

/** The multicast range never masqueraded, per family (pods may talk multicast on the link). */
export const MULTICAST_NETWORK: Readonly<Record<IpFamily, string>> = {
  4: '224.0.0.0/4',
  6: 'ff00::/8',
};

/** `ip` with the bits after `prefix` cleared. */
export function maskAddress(ip: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(ip.length);
  for (let i = 0; i < ip.length; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    out[i] = (ip[i] ?? 0) & ((0xff << (8 - bits)) & 0xff);
  }
  return out;
}

/** Parses "ip/prefix" (host bits kept). Throws a TypeError for anything else. */
export function parseMasqAddress(text: string): MasqAddress {
  const cidr = parseCidr(text);
  if (cidr === undefined) {
    throw new TypeError(`invalid masquerade address "${text}": want ip/prefix`);
  }
  return {
    family: ipFamily(cidr.ip),
    ip: formatIp(cidr.ip),
    cidr: formatCidr(cidr),
    network: formatCidr({ ip: maskAddress(cidr.ip, cidr.prefix), prefix: cidr.prefix }),
  };
}
