import { mapItems } from '@cni-ts/plugin-kit';
import { type Cidr, parseCidr, parseIp, type Route, versionAtLeast } from '@cni-ts/spec-types';
import type { HostLocalConfig, RangeText } from './config.ts';
import { HostLocalError, isHostLocalError, withPrefix } from './host-local-error.ts';
import { type IpValue, ipValueOf, parseIpValue } from './ip-value.ts';
import type { RangeInput } from './range.ts';
import {
  canonicalizeRangeSet,
  type RangeSet,
  rangeSetFamily,
  rangeSetsOverlap,
} from './range-set.ts';

/** Upstream's default store directory. */
export const DEFAULT_DATA_DIR = '/var/lib/cni/networks';

/** host-local's view of a config, checked and with its defaults. */
export interface HostLocalIpam {
  /** The network name: the store's subdirectory. */
  readonly name: string;
  readonly dataDir: string;
  /** Range sets in allocation order: `runtimeConfig.ipRanges`, the legacy range, `ranges`. */
  readonly ranges: readonly RangeSet[];
  readonly routes?: Route[] | undefined;
  readonly resolvConf?: string | undefined;
  /** Requested addresses: CNI_ARGS `IP`, then `args.cni.ips`, then `runtimeConfig.ips`. */
  readonly requested: readonly IpValue[];
}

function cidrField(text: string | undefined): Cidr | undefined {
  if (text === undefined) return undefined;
  const cidr = parseCidr(text);
  if (cidr === undefined) throw new HostLocalError(`invalid CIDR address: ${text}`);
  return cidr;
}

function ipField(text: string | undefined): IpValue | undefined {
  if (text === undefined || text === '') return undefined;
  const ip = parseIpValue(text);
  if (ip === undefined) throw new HostLocalError(`invalid IP address: ${text}`);
  return ip;
}

/** An address written with or without a prefix (upstream's `ip.IP`); undefined if neither. */
function ipOrCidr(text: string): IpValue | undefined {
  const bytes = text.includes('/') ? parseCidr(text)?.ip : parseIp(text);
  return bytes === undefined ? undefined : ipValueOf(bytes);
}

function requestedIp(text: string): IpValue {
  const ip = ipOrCidr(text);
  if (ip === undefined) throw new HostLocalError(`invalid IP address ${text}`);
  return ip;
}

function rangeInput(range: RangeText): RangeInput {
  return {
    subnet: cidrField(range.subnet),
    rangeStart: ipField(range.rangeStart),
    rangeEnd: ipField(range.rangeEnd),
    gateway: ipField(range.gateway),
  };
}

function envIp(value: string | undefined): IpValue | undefined {
  if (value === undefined || value === '') return undefined;
  const ip = ipOrCidr(value);
  if (ip === undefined) {
    throw new HostLocalError(
      `ARGS: error parsing value of pair ${JSON.stringify(`IP=${value}`)}: invalid IP address ${value}`,
    );
  }
  return ip;
}

function checkedSets(
  inputs: readonly (readonly RangeInput[])[],
  cniVersion: string,
  rawVersion: string,
): RangeSet[] {
  const sets = mapItems(inputs, (inputs, index) => {
    try {
      return canonicalizeRangeSet(inputs);
    } catch (error) {
      throw isHostLocalError(error) ? withPrefix(`invalid range set ${index}`, error) : error;
    }
  });
  let v4 = 0;
  for (const set of sets) if (rangeSetFamily(set) === 4) v4++;
  if ((v4 > 1 || sets.length - v4 > 1) && !versionAtLeast(cniVersion, '0.3.0')) {
    throw new HostLocalError(
      `CNI version ${rawVersion} does not support more than 1 address per family`,
    );
  }
  for (const [i, a] of sets.entries()) {
    for (const [offset, b] of sets.slice(i + 1).entries()) {
      if (rangeSetsOverlap(a, b)) {
        throw new HostLocalError(`range set ${i} overlaps with ${i + offset + 1}`);
      }
    }
  }
  return sets;
}

/**
 * Reads host-local's settings from its config as upstream's LoadIPAMConfig does, with its
 * messages: addresses are parsed, the requested ones collected (CNI_ARGS `IP` first), the
 * range sets assembled (`runtimeConfig.ipRanges`, then the legacy top-level range, then
 * `ranges`) and checked. `cniVersion` is the config's version as the skel settled it.
 * Throws a HostLocalError.
 */
export function loadIpamConfig(
  config: HostLocalConfig,
  cniVersion: string,
  ipArg: string | undefined,
): HostLocalIpam {
  const ipam = config.ipam;
  const legacy = ipam === undefined ? undefined : rangeInput(ipam);
  const rangeInputs = (set: readonly RangeText[]) => mapItems(set, (range) => rangeInput(range));
  const configured = mapItems(ipam?.ranges ?? [], rangeInputs);
  const runtime = mapItems(config.runtimeConfig?.ipRanges ?? [], rangeInputs);
  const runtimeIps = mapItems(config.runtimeConfig?.ips ?? [], (ip) => requestedIp(ip));
  const argsIps = mapItems(config.args?.cni?.ips ?? [], (ip) => requestedIp(ip));
  if (ipam === undefined) throw new HostLocalError("IPAM config missing 'ipam' key");
  const fromEnv = envIp(ipArg);
  const requested = [...(fromEnv === undefined ? [] : [fromEnv]), ...argsIps, ...runtimeIps];
  const inputs = [...runtime, ...(legacy?.subnet === undefined ? [] : [[legacy]]), ...configured];
  if (inputs.length === 0) throw new HostLocalError('no IP ranges specified');
  return {
    name: config.name,
    dataDir: ipam.dataDir || DEFAULT_DATA_DIR,
    ranges: checkedSets(inputs, cniVersion, config.cniVersion ?? ''),
    routes: ipam.routes,
    resolvConf: ipam.resolvConf || undefined,
    requested,
  };
}
