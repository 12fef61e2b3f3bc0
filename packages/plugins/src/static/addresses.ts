import {
  type Cidr,
  type Dns,
  isIpv4Like,
  parseCidr,
  parseIp,
  type Route,
  versionAtLeast,
} from '@cni-ts/spec-types';
import type { StaticArg, StaticConfig } from './config.ts';
import { StaticIpamError } from './static-error.ts';

/** One address to hand out: the CIDR as written (host bits kept) and its gateway. */
export interface StaticAddress {
  readonly cidr: Cidr;
  readonly gateway?: Uint8Array | undefined;
}

/** What static returns: the addresses in order, and the config's routes and DNS. */
export interface StaticIpam {
  readonly addresses: readonly StaticAddress[];
  readonly routes?: Route[] | undefined;
  readonly dns?: Dns | undefined;
}

/** An address as a family and a number, IPv4-mapped addresses counting as IPv4. */
function numeric(bytes: Uint8Array): { v4: boolean; value: bigint } {
  const v4 = isIpv4Like(bytes);
  let value = 0n;
  for (const byte of v4 ? bytes.subarray(bytes.length - 4) : bytes) {
    value = (value << 8n) | BigInt(byte);
  }
  return { v4, value };
}

/** True when `ip` is in the CIDR's subnet (Go's IPNet.Contains, mapped addresses included). */
export function cidrContains(cidr: Cidr, ip: Uint8Array): boolean {
  const net = numeric(cidr.ip);
  const addr = numeric(ip);
  if (net.v4 !== addr.v4) return false;
  const bits = net.v4 ? 32 : 128;
  const prefix = Math.max(0, cidr.prefix - (cidr.ip.length * 8 - bits));
  const shift = BigInt(bits - prefix);
  return net.value >> shift === addr.value >> shift;
}

function configGateway(text: string | undefined): Uint8Array | undefined {
  if (text === undefined || text === '') return undefined;
  const ip = parseIp(text);
  if (ip === undefined) throw new StaticIpamError(`invalid IP address: ${text}`);
  return ip;
}

function argAddresses(value: string): StaticAddress[] {
  return value.split(',').map((item) => {
    const text = item.trim();
    const cidr = parseCidr(text);
    if (cidr === undefined) {
      throw new StaticIpamError(
        `the 'ip' field is expected to be in CIDR notation, got: '${text}'`,
      );
    }
    return { cidr };
  });
}

/** Gives each address whose subnet contains a listed gateway that gateway (the last one wins). */
function withGateways(addresses: StaticAddress[], value: string): StaticAddress[] {
  let out = addresses;
  for (const item of value.split(',')) {
    const gateway = parseIp(item.trim());
    if (gateway === undefined) throw new StaticIpamError(`invalid gateway address: ${item}`);
    out = out.map((address) =>
      cidrContains(address.cidr, gateway) ? { ...address, gateway } : address,
    );
  }
  return out;
}

function replacementAddresses(texts: readonly string[] | undefined): StaticAddress[] | undefined {
  if (texts === undefined || texts.length === 0) return undefined;
  return texts.map((text) => {
    const cidr = parseCidr(text);
    if (cidr === undefined) {
      throw new StaticIpamError(
        `an entry in the 'ips' field is NOT in CIDR notation, got: '${text}'`,
      );
    }
    return { cidr };
  });
}

type Pending = StaticAddress | { readonly text: string; readonly gateway: Uint8Array | undefined };

function resolved(address: Pending): StaticAddress {
  if (!('text' in address)) return address;
  const cidr = parseCidr(address.text);
  if (cidr === undefined) {
    throw new StaticIpamError(
      `the 'address' field is expected to be in CIDR notation, got: '${address.text}'`,
    );
  }
  return { cidr, gateway: address.gateway };
}

/**
 * The addresses static hands out, as upstream's LoadIPAMConfig builds them (with its
 * messages): the configured ones, then CNI_ARGS `IP` (each of those gets the CNI_ARGS
 * `GATEWAY` that its subnet contains), all replaced by `args.cni.ips` if given, and those by
 * `runtimeConfig.ips`. Before 0.3.0 at most one address per family is allowed.
 */
export function loadStaticIpam(
  config: StaticConfig,
  cniVersion: string,
  cniArgs: Readonly<Partial<Record<StaticArg, string>>>,
): StaticIpam {
  const configured: Pending[] = (config.ipam?.addresses ?? []).map((address) => ({
    text: address.address ?? '',
    gateway: configGateway(address.gateway),
  }));
  const ipam = config.ipam;
  if (ipam === undefined) throw new StaticIpamError("IPAM config missing 'ipam' key");
  let fromArgs = cniArgs.IP ? argAddresses(cniArgs.IP) : [];
  if (cniArgs.GATEWAY) fromArgs = withGateways(fromArgs, cniArgs.GATEWAY);
  const fromCniArgs = replacementAddresses(config.args?.cni?.ips);
  const fromRuntime = replacementAddresses(config.runtimeConfig?.ips);
  const pending = fromRuntime ?? fromCniArgs ?? [...configured, ...fromArgs];
  const addresses = pending.map(resolved);
  const v4 = addresses.filter((address) => isIpv4Like(address.cidr.ip)).length;
  if ((v4 > 1 || addresses.length - v4 > 1) && !versionAtLeast(cniVersion, '0.3.0')) {
    throw new StaticIpamError(
      `CNI version ${config.cniVersion ?? ''} does not support more than 1 address per family`,
    );
  }
  return { addresses, routes: ipam.routes, dns: ipam.dns };
}
