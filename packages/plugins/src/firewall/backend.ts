import {
  addFirewalldSource,
  type CniFirewallTarget,
  checkCniFirewallIptables,
  checkCniFirewallNftables,
  type FilterPrefetch,
  gcCniFirewallNftables,
  hostCidrsByFamily,
  queryFirewalldSource,
  removeFirewalldSource,
  setupCniFirewallIptables,
  setupCniFirewallNftables,
  systemBusAddress,
  teardownCniFirewallIptables,
  teardownCniFirewallNftables,
} from '@cni-ts/plugin-kit';
import type { FirewallBackend } from './settings.ts';

// The three backends behind one face: iptables (upstream's rules in the filter table),
// nftables (the same semantics in a table of its own, rules owned through their comment)
// and firewalld (the addresses bound to a zone over D-Bus; the ingress policy, as upstream,
// in raw iptables).

/** Who the rules are for, and the firewalld zone. */
export interface Owner {
  readonly network: string;
  readonly containerId: string;
  readonly ifName: string;
  readonly zone: string;
}

/** Each address as its host prefix (`10.1.0.5/32`), the form firewalld's sources take. */
function hostSources(addresses: readonly string[]): string[] {
  return [...hostCidrsByFamily(addresses).values()].flat();
}

/** `listed`: the filter table's listings from the prefetch, for the iptables rules. */
export async function setupRules(
  backend: FirewallBackend,
  owner: Owner,
  target: CniFirewallTarget,
  listed?: FilterPrefetch,
): Promise<void> {
  if (backend === 'nftables') return setupCniFirewallNftables({ ...owner, ...target });
  if (backend === 'iptables') return await setupCniFirewallIptables(target, {}, listed);
  const bus = systemBusAddress();
  for (const source of hostSources(target.addresses)) {
    await addFirewalldSource(bus, owner.zone, source);
  }
  if (target.isolation !== undefined) {
    await setupCniFirewallIptables({ ...target, forward: false }, {}, listed);
  }
}

/**
 * Removes the attachment's address rules (`addresses` matter to iptables and firewalld);
 * firewalld refusing to unbind a source that is not bound is success, as upstream.
 */
export async function teardownRules(
  backend: FirewallBackend,
  owner: Owner,
  addresses: readonly string[],
): Promise<void> {
  if (backend === 'nftables') return teardownCniFirewallNftables(owner);
  if (backend === 'iptables') return await teardownCniFirewallIptables(addresses);
  const bus = systemBusAddress();
  for (const source of hostSources(addresses)) {
    await removeFirewalldSource(bus, owner.zone, source);
  }
}

export async function checkRules(
  backend: FirewallBackend,
  owner: Owner,
  target: CniFirewallTarget,
): Promise<string | undefined> {
  if (backend === 'nftables') return checkCniFirewallNftables({ ...owner, ...target });
  if (backend === 'iptables') return await checkCniFirewallIptables(target);
  const bus = systemBusAddress();
  for (const source of hostSources(target.addresses)) {
    if (!(await queryFirewalldSource(bus, owner.zone, source))) {
      return `source ${JSON.stringify(source)} is not in zone ${JSON.stringify(owner.zone)}`;
    }
  }
  return undefined;
}

/** GC for nftables, whose rules name their owner (the others go by the attachment store). */
export function gcNftRules(
  network: string,
  valid: readonly { readonly containerId: string; readonly ifName: string }[],
): void {
  gcCniFirewallNftables(network, valid);
}
