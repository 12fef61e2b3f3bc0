import type { CniFirewallTarget } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import type { FirewallSettings } from './settings.ts';

/** prevResult, which ADD and CHECK require (upstream's text). */
export function requirePrev(prev: Result100 | undefined): Result100 {
  if (prev === undefined) {
    throw new CniError(CniErrorCode.Internal, 'missing prevResult from earlier plugin');
  }
  return prev;
}

/** The result's addresses. */
export function resultAddresses(prev: Result100 | undefined): string[] {
  // A loop, not map(): the ADDs call no JavaScript-implemented builtin (issue 22).
  const addresses: string[] = [];
  for (const ip of prev?.ips ?? []) addresses.push(ip.address);
  return addresses;
}

/**
 * What ADD sets up: the result's addresses and, for same-bridge / isolated, its first
 * interface as the bridge (upstream's texts when there is none).
 */
export function firewallTarget(settings: FirewallSettings, prev: Result100): CniFirewallTarget {
  const addresses = resultAddresses(prev);
  const { policy } = settings;
  if (policy === 'open') return { addresses, adminChain: settings.adminChain };
  const bridge = prev.interfaces?.[0]?.name;
  if (bridge === undefined) {
    throw new CniError(
      CniErrorCode.Internal,
      `interface needs to be set for ingress policy "${policy}", make sure to chain "firewall" plugin with "bridge"`,
    );
  }
  if (bridge === '') throw new CniError(CniErrorCode.Internal, 'got empty bridge name');
  return { addresses, adminChain: settings.adminChain, isolation: { bridge, policy } };
}
