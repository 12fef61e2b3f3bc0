import type { IpConfig100, Result100 } from '@cni-ts/spec-types';
import {
  type Cidr,
  CniError,
  CniErrorCode,
  formatIp,
  ipFamily,
  parseCidr,
  parseIp,
} from '@cni-ts/spec-types';

/** One address of the interface from the previous result. */
export interface SourceAddress {
  /** The address alone ("10.1.0.2"). */
  readonly ip: string;
  readonly family: 4 | 6;
  /** The address with its prefix as the result gives it. */
  readonly cidr: Cidr;
  readonly gateway?: string;
}

function sourceOf(ipc: IpConfig100): SourceAddress | undefined {
  const cidr = parseCidr(ipc.address);
  if (cidr === undefined) return undefined;
  const family = ipFamily(cidr.ip);
  return {
    ip: formatIp(cidr.ip),
    family,
    cidr,
    ...(ipc.gateway === undefined ? {} : { gateway: ipc.gateway }),
  };
}

/**
 * The previous result's addresses of CNI_IFNAME: those whose `interface` index names it
 * and those without an index, as upstream picks them. None at all is code 999 with
 * upstream's words (`No IP addresses supplied on interface: eth0`); none of this
 * interface is the same error (upstream would go on and empty the main table).
 */
export function sourceAddresses(prev: Result100, ifName: string): SourceAddress[] {
  const interfaces = prev.interfaces ?? [];
  const picked = (prev.ips ?? []).filter((ipc) => {
    const index = ipc.interface;
    if (index === undefined || index < 0 || index >= interfaces.length) return true;
    return interfaces[index]?.name === ifName;
  });
  const sources = picked.map(sourceOf).filter((source) => source !== undefined);
  if (sources.length === 0) {
    throw new CniError(CniErrorCode.Internal, `No IP addresses supplied on interface: ${ifName}`);
  }
  return sources;
}

/** True when `ip` (text) lies in the network of `cidr`. */
export function inNetwork(cidr: Cidr, ip: string | undefined): boolean {
  if (ip === undefined) return false;
  const bytes = parseIp(ip);
  if (bytes === undefined) return false;
  const a = bytes.length === cidr.ip.length ? bytes : undefined;
  if (a === undefined) return false;
  let bits = cidr.prefix;
  for (let i = 0; i < a.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a[i] ?? 0) & mask) !== ((cidr.ip[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** "ip/32" or "ip/128": the rule's source, a single address. */
export function hostPrefix(source: SourceAddress): string {
  return `${source.ip}/${source.family === 4 ? 32 : 128}`;
}
