import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { ipFamily, parseCidr } from '../ip/ip.ts';
import type { Dns } from '../netconf/dns.ts';
import type { Route } from '../netconf/route.ts';
import { compact } from './_canonical.ts';
import {
  type IpConfig020,
  type IpConfig040,
  isResult020,
  isResult040,
  type Result,
  type Result020,
  type Result040,
  type Result100,
  resultFamily,
  type Version020,
  type Version040,
  type Version100,
} from './types.ts';

/** Results are plain JSON data, so a JSON round trip is a deep copy. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function copyDns(dns: Dns | undefined): Dns {
  return clone(dns ?? {});
}

function copyRoutes(routes: readonly Route[] | undefined): Route[] | undefined {
  return routes && routes.length > 0 ? clone([...routes]) : undefined;
}

function familyOfAddress(address: string): 4 | 6 {
  const parsed = parseCidr(address);
  return parsed ? ipFamily(parsed.ip) : 6;
}

function from020To040(from: Result020, cniVersion: Version040): Result040 {
  const ips: Result040['ips'] = [];
  const routes: Route[] = [];
  for (const [version, ip] of [
    ['4', from.ip4],
    ['6', from.ip6],
  ] as const) {
    if (!ip) continue;
    ips.push(compact({ version, address: ip.ip, gateway: ip.gateway }) as IpConfig040);
    routes.push(...(ip.routes ?? []));
  }
  return compact({
    cniVersion,
    ips: ips.length > 0 ? ips : undefined,
    routes: copyRoutes(routes),
    dns: copyDns(from.dns),
  }) as Result040;
}

function from040To020(from: Result040, cniVersion: Version020): Result020 {
  let ip4: IpConfig020 | undefined;
  let ip6: IpConfig020 | undefined;
  for (const ip of from.ips ?? []) {
    if (ip.version === '4' && !ip4)
      ip4 = compact({ ip: ip.address, gateway: ip.gateway }) as IpConfig020;
    else if (ip.version === '6' && !ip6)
      ip6 = compact({ ip: ip.address, gateway: ip.gateway }) as IpConfig020;
    if (ip4 && ip6) break;
  }
  for (const route of from.routes ?? []) {
    const target = familyOfAddress(route.dst) === 4 ? ip4 : ip6;
    if (!target) continue;
    target.routes ??= [];
    target.routes.push(compact({ dst: route.dst, gw: route.gw }) as Route);
  }
  if (!ip4 && !ip6) {
    throw new CniError(
      CniErrorCode.IncompatibleCniVersion,
      'cannot convert: no valid IP addresses',
    );
  }
  return compact({ cniVersion, ip4, ip6, dns: copyDns(from.dns) }) as Result020;
}

function from040To100(from: Result040, cniVersion: Version100): Result100 {
  return compact({
    cniVersion,
    interfaces: from.interfaces?.map((intf) =>
      compact({ name: intf.name, mac: intf.mac, sandbox: intf.sandbox }),
    ),
    ips: from.ips?.map((ip) =>
      compact({ interface: ip.interface, address: ip.address, gateway: ip.gateway }),
    ),
    routes: copyRoutes(from.routes),
    dns: copyDns(from.dns),
  }) as Result100;
}

function from100To040(from: Result100, cniVersion: Version040): Result040 {
  return compact({
    cniVersion,
    interfaces: from.interfaces?.map((intf) =>
      compact({ name: intf.name, mac: intf.mac, sandbox: intf.sandbox }),
    ),
    ips: from.ips?.map((ip) =>
      compact({
        version: String(familyOfAddress(ip.address)),
        interface: ip.interface,
        address: ip.address,
        gateway: ip.gateway,
      }),
    ),
    routes: copyRoutes(from.routes),
    dns: copyDns(from.dns),
  }) as Result040;
}

function relabel<R extends Result>(from: R, cniVersion: string): R {
  return { ...clone(from), cniVersion } as R;
}

/**
 * Converts a result to another spec version with upstream's semantics: going down to
 * 0.3.x/0.4.0 drops the 1.1 interface fields and derives `ips[].version`; going down to
 * 0.1.0/0.2.0 keeps the first IPv4 and IPv6 address and splits routes by family,
 * failing with "cannot convert: no valid IP addresses" when none is left. An empty
 * target means 0.1.0; the same version returns `result` itself. Throws code 1 when no
 * conversion exists.
 */
export function convertResult(result: Result, toVersion: string): Result {
  const target = toVersion === '' ? '0.1.0' : toVersion;
  if (target === result.cniVersion) return result;
  const to = resultFamily(target);
  if (!to) {
    throw new CniError(
      CniErrorCode.IncompatibleCniVersion,
      `no converter for CNI result version ${result.cniVersion} to ${target}`,
    );
  }
  const as040 = (version: Version040): Result040 => {
    if (isResult020(result)) return from020To040(result, version);
    if (isResult040(result)) return relabel(result, version);
    return from100To040(result, version);
  };
  if (to === '020') {
    if (isResult020(result)) return relabel(result, target);
    return from040To020(as040('0.4.0'), target as Version020);
  }
  if (to === '040') return as040(target as Version040);
  if (isResult040(result)) return from040To100(result, target as Version100);
  if (isResult020(result)) return from040To100(as040('0.4.0'), target as Version100);
  return relabel(result, target);
}
