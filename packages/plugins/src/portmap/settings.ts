import {
  defaultPortMapBackend,
  isNftConditionError,
  type PortMapBackend,
  type PortMapEntry,
  type PortMapProtocol,
  parseNftConditions,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type IpFamily, parseIp } from '@cni-ts/spec-types';
import type { PortMapConfig } from './config.ts';

/** A config checked and with its defaults filled in. */
export interface PortMapSettings {
  readonly backend: PortMapBackend;
  readonly snat: boolean;
  readonly masqAll: boolean;
  readonly markMasqBit: number;
  readonly externalSetMarkChain?: string;
  readonly conditions: Readonly<Partial<Record<IpFamily, readonly string[]>>>;
  readonly mappings: readonly PortMapEntry[];
}

const DEFAULT_MARK_BIT = 13;
const PROTOCOLS: readonly PortMapProtocol[] = ['tcp', 'udp', 'sctp'];

function invalid(key: string, message: string): CniError {
  return new CniError(CniErrorCode.InvalidNetworkConfig, `${key}: ${message}`);
}

/** Upstream's rule: conditions starting with `-` or `!` are iptables words, others nft. */
function isIptablesSyntax(conditions: readonly string[]): boolean {
  const first = conditions[0] ?? '';
  return first.startsWith('-') || first.startsWith('!');
}

function checkBackendOptions(config: PortMapConfig, backend: PortMapBackend): void {
  // Loops, not filter(): every portmap exec runs this, and pays for a builtin's first call.
  const foreign: string[] = [];
  if (backend === 'nftables') {
    for (const key of ['markMasqBit', 'externalSetMarkChain'] as const) {
      if (config[key] !== undefined) foreign.push(key);
    }
  }
  for (const key of ['conditionsV4', 'conditionsV6'] as const) {
    const conditions = config[key];
    if (conditions === undefined || conditions.length === 0) continue;
    if (isIptablesSyntax(conditions) === (backend === 'nftables')) foreign.push(key);
  }
  if (foreign.length === 0) return;
  const other = backend === 'nftables' ? 'iptables' : 'nftables';
  throw invalid(
    'backend',
    `${backend} backend was requested but configuration contains ${other}-specific options [${foreign.join(' ')}]`,
  );
}

function port(value: number, key: string, what: string): number {
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw invalid(key, `Invalid ${what} port number: ${value}`);
  }
  return value;
}

function mapping(
  entry: NonNullable<NonNullable<PortMapConfig['runtimeConfig']>['portMappings']>[number],
  at: string,
): PortMapEntry {
  const hostPort = port(entry.hostPort, `${at}.hostPort`, 'host');
  const containerPort = port(entry.containerPort, `${at}.containerPort`, 'container');
  const protocol = (entry.protocol ?? 'tcp').toLowerCase();
  if (!PROTOCOLS.includes(protocol as PortMapProtocol)) {
    throw invalid(`${at}.protocol`, `unknown protocol ${JSON.stringify(entry.protocol)}`);
  }
  const hostIP = entry.hostIP ?? '';
  if (hostIP !== '' && parseIp(hostIP) === undefined) {
    throw invalid(`${at}.hostIP`, `invalid IP address ${JSON.stringify(hostIP)}`);
  }
  return {
    hostPort,
    containerPort,
    protocol: protocol as PortMapProtocol,
    ...(hostIP === '' ? {} : { hostIP }),
  };
}

/**
 * nft-syntax conditions must read as matches the kit can express now, before anything is
 * made (read only: the nf_tables code that builds them loads with the mappings).
 */
function checkNftConditions(words: readonly string[], family: 4 | 6, key: string): void {
  try {
    parseNftConditions(words, family);
  } catch (error) {
    if (isNftConditionError(error)) throw invalid(key, error.message);
    throw error;
  }
}

function conditions(config: PortMapConfig, backend: PortMapBackend): PortMapSettings['conditions'] {
  for (const key of ['conditionsV4', 'conditionsV6'] as const) {
    for (const [i, word] of (config[key] ?? []).entries()) {
      if (word.trim() === '' || /[\n\r\0]/.test(word)) {
        throw invalid(`${key}[${i}]`, `invalid condition ${JSON.stringify(word)}`);
      }
    }
    const words = config[key];
    if (backend === 'nftables' && words !== undefined) {
      checkNftConditions(words, key === 'conditionsV4' ? 4 : 6, key);
    }
  }
  return {
    ...(config.conditionsV4 === undefined ? {} : { 4: config.conditionsV4 }),
    ...(config.conditionsV6 === undefined ? {} : { 6: config.conditionsV6 }),
  };
}

/**
 * The checked settings of a config: upstream's defaults and combination rules, each
 * failure a CniError with code 7 naming the key (upstream's words after it). Ours also
 * refuses ports above 65535, protocols other than tcp/udp/sctp and a hostIP that is not an
 * address (upstream passes them to iptables); an absent protocol is tcp. nft-syntax
 * conditions are read here, so one the kit cannot express fails first.
 */
export function portMapSettings(config: PortMapConfig): PortMapSettings {
  const backend = config.backend ?? defaultPortMapBackend();
  if (backend !== 'iptables' && backend !== 'nftables') {
    throw invalid('backend', `unknown portmap backend ${JSON.stringify(backend)}`);
  }
  if (config.markMasqBit !== undefined && config.externalSetMarkChain !== undefined) {
    throw invalid('externalSetMarkChain', 'Cannot specify externalSetMarkChain and markMasqBit');
  }
  const markMasqBit = config.markMasqBit ?? DEFAULT_MARK_BIT;
  if (markMasqBit < 0 || markMasqBit > 31) {
    throw invalid('markMasqBit', 'MasqMarkBit must be between 0 and 31');
  }
  checkBackendOptions(config, backend);
  // A loop, not map(): every portmap exec runs this.
  const mappings: PortMapEntry[] = [];
  const entries = config.runtimeConfig?.portMappings ?? [];
  for (let i = 0; i < entries.length; i++) {
    mappings.push(
      mapping(entries[i] as (typeof entries)[number], `runtimeConfig.portMappings[${i}]`),
    );
  }
  return {
    backend,
    snat: config.snat ?? true,
    masqAll: config.masqAll ?? false,
    markMasqBit,
    ...(config.externalSetMarkChain === undefined
      ? {}
      : { externalSetMarkChain: config.externalSetMarkChain }),
    conditions: conditions(config, backend),
    mappings,
  };
}

/** The configured backend, for DEL and GC; a config that does not validate is iptables'. */
export function configuredBackend(config: PortMapConfig): PortMapBackend {
  try {
    return portMapSettings({ ...config, runtimeConfig: {} }).backend;
  } catch {
    return config.backend === 'nftables' ? 'nftables' : 'iptables';
  }
}
