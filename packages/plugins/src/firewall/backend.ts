import {
  type CniFirewallTarget,
  checkCniFirewallIptables,
  checkCniFirewallNftables,
  gcCniFirewallNftables,
  setupCniFirewallIptables,
  setupCniFirewallNftables,
  teardownCniFirewallIptables,
  teardownCniFirewallNftables,
} from '@cni-ts/plugin-kit';
import type { FirewallBackend } from './settings.ts';

// The two backends behind one face: iptables (upstream's rules in the filter table) and
// nftables (the same semantics in a table of its own, rules owned through their comment).

/** Who the rules are for. */
export interface Owner {
  readonly network: string;
  readonly containerId: string;
  readonly ifName: string;
}

export async function setupRules(
  backend: FirewallBackend,
  owner: Owner,
  target: CniFirewallTarget,
): Promise<void> {
  if (backend === 'nftables') setupCniFirewallNftables({ ...owner, ...target });
  else await setupCniFirewallIptables(target);
}

/** Removes the attachment's address rules (`addresses` matter to iptables only). */
export async function teardownRules(
  backend: FirewallBackend,
  owner: Owner,
  addresses: readonly string[],
): Promise<void> {
  if (backend === 'nftables') teardownCniFirewallNftables(owner);
  else await teardownCniFirewallIptables(addresses);
}

export async function checkRules(
  backend: FirewallBackend,
  owner: Owner,
  target: CniFirewallTarget,
): Promise<string | undefined> {
  return backend === 'nftables'
    ? checkCniFirewallNftables({ ...owner, ...target })
    : await checkCniFirewallIptables(target);
}

/** GC for nftables, whose rules name their owner (iptables goes by the attachment store). */
export function gcNftRules(
  network: string,
  valid: readonly { readonly containerId: string; readonly ifName: string }[],
): void {
  gcCniFirewallNftables(network, valid);
}
