import type { Dns } from '../netconf/dns.ts';
import type { Route } from '../netconf/route.ts';

/** Result versions of the 0.1.0/0.2.0 family (`ip4`/`ip6`). */
export type Version020 = '0.1.0' | '0.2.0';
/** Result versions of the 0.3.x/0.4.0 family (`interfaces`, `ips[].version`). */
export type Version040 = '0.3.0' | '0.3.1' | '0.4.0';
/** Result versions of the 1.x family. */
export type Version100 = '1.0.0' | '1.1.0';

/** The versions of each result family, oldest first, as upstream lists them. */
export const RESULT_FAMILIES = {
  '020': ['0.1.0', '0.2.0'],
  '040': ['0.3.0', '0.3.1', '0.4.0'],
  '100': ['1.0.0', '1.1.0'],
} as const satisfies Record<string, readonly string[]>;

/** A result family. */
export type ResultFamily = keyof typeof RESULT_FAMILIES;

/** An address with its routes in a 0.1.0/0.2.0 result. */
export interface IpConfig020 {
  /** CIDR with host bits, e.g. "10.1.0.5/16". */
  ip: string;
  gateway?: string;
  routes?: Route[];
}

/** A 0.1.0 or 0.2.0 result. */
export interface Result020 {
  cniVersion: Version020;
  ip4?: IpConfig020;
  ip6?: IpConfig020;
  dns?: Dns;
}

/** An interface in a 0.3.x/0.4.0 result. */
export interface Interface040 {
  name: string;
  mac?: string;
  sandbox?: string;
}

/** An address in a 0.3.x/0.4.0 result. */
export interface IpConfig040 {
  /** "4" or "6"; "" when a producer left it out. */
  version: string;
  /** Index into `interfaces`. */
  interface?: number;
  /** CIDR with host bits. */
  address: string;
  gateway?: string;
}

/** A 0.3.0, 0.3.1 or 0.4.0 result. */
export interface Result040 {
  cniVersion: Version040;
  interfaces?: Interface040[];
  ips?: IpConfig040[];
  routes?: Route[];
  dns?: Dns;
}

/** An interface in a 1.x result (mtu, socketPath and pciID are 1.1.0 additions). */
export interface Interface100 {
  name: string;
  mac?: string;
  mtu?: number;
  sandbox?: string;
  socketPath?: string;
  pciID?: string;
}

/** An address in a 1.x result. */
export interface IpConfig100 {
  /** Index into `interfaces`. */
  interface?: number;
  /** CIDR with host bits. */
  address: string;
  gateway?: string;
}

/** A 1.0.0 or 1.1.0 result. */
export interface Result100 {
  cniVersion: Version100;
  interfaces?: Interface100[];
  ips?: IpConfig100[];
  routes?: Route[];
  dns?: Dns;
}

/** A result of any supported version; `cniVersion` tells which shape it has. */
export type Result = Result020 | Result040 | Result100;

/** The family a result version belongs to, or undefined for an unknown version. */
export function resultFamily(version: string): ResultFamily | undefined {
  for (const [family, versions] of Object.entries(RESULT_FAMILIES)) {
    if ((versions as readonly string[]).includes(version)) return family as ResultFamily;
  }
  return undefined;
}

/** True for a 0.1.0/0.2.0 result. */
export function isResult020(result: Result): result is Result020 {
  return resultFamily(result.cniVersion) === '020';
}

/** True for a 0.3.x/0.4.0 result. */
export function isResult040(result: Result): result is Result040 {
  return resultFamily(result.cniVersion) === '040';
}

/** True for a 1.x result. */
export function isResult100(result: Result): result is Result100 {
  return resultFamily(result.cniVersion) === '100';
}
