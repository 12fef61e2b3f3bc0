import {
  DEFAULT_ADMIN_CHAIN,
  FIREWALLD,
  firewalldRunning,
  type IsolatingPolicy,
  systemBusAddress,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { FirewallConfig } from './config.ts';

/** Where the attachments' addresses are kept when the config names no `dataDir`. */
export const DEFAULT_DATA_DIR = '/run/cni/firewall';

/** iptables refuses chain names of 29 characters and more. */
const MAX_CHAIN_NAME = 28;

export type IngressPolicy = 'open' | IsolatingPolicy;

/** The backends this build has. */
export type FirewallBackend = 'iptables' | 'nftables' | 'firewalld';

/** A config's checked values. */
export interface FirewallSettings {
  /** Undefined: chosen as upstream chooses (see {@link chooseBackend}). */
  readonly backend: FirewallBackend | undefined;
  readonly zone: string;
  readonly adminChain: string;
  readonly policy: IngressPolicy;
  readonly dataDir: string;
}

function invalid(key: string, message: string): never {
  throw new CniError(CniErrorCode.InvalidNetworkConfig, `${key}: ${message}`);
}

function backendOf(value: string | undefined): FirewallBackend | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'iptables' || value === 'nftables' || value === 'firewalld') return value;
  return invalid('backend', `unknown backend ${JSON.stringify(value)}`);
}

/** The backend: the config's, else firewalld when its bus name has an owner, else iptables. */
export async function chooseBackend(settings: FirewallSettings): Promise<FirewallBackend> {
  if (settings.backend !== undefined) return settings.backend;
  return (await firewalldRunning(systemBusAddress())) ? 'firewalld' : 'iptables';
}

function policyOf(value: string | undefined): IngressPolicy {
  if (value === undefined || value === '' || value === 'open') return 'open';
  if (value === 'same-bridge' || value === 'isolated') return value;
  return invalid('ingressPolicy', `unknown ingress policy: ${JSON.stringify(value)}`);
}

function adminChainOf(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_ADMIN_CHAIN;
  if (value.length > MAX_CHAIN_NAME || /[\s!]/.test(value) || value.startsWith('-')) {
    invalid('iptablesAdminChainName', `${JSON.stringify(value)} is not a valid chain name`);
  }
  return value;
}

/**
 * The config's values, checked before anything is made (upstream adds the per-address
 * rules before it looks at `ingressPolicy`, and leaves them behind on a bad one).
 */
export function firewallSettings(config: FirewallConfig): FirewallSettings {
  return {
    backend: backendOf(config.backend),
    adminChain: adminChainOf(config.iptablesAdminChainName),
    zone:
      config.firewalldZone === undefined || config.firewalldZone === ''
        ? FIREWALLD.DEFAULT_ZONE
        : config.firewalldZone,
    policy: policyOf(config.ingressPolicy),
    dataDir:
      config.dataDir === undefined || config.dataDir === '' ? DEFAULT_DATA_DIR : config.dataDir,
  };
}
