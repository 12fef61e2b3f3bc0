import type { CniFirewallTarget } from '@cni-ts/plugin-kit';
import type { FirewallBackend } from './settings.ts';

// The three backends behind one face: iptables (upstream's rules in the filter table),
// nftables (the same semantics in a table of its own, rules owned through their comment)
// and firewalld (the addresses bound to a zone over D-Bus; the ingress policy, as upstream,
// in raw iptables). Each backend's module is loaded when it is used: an nftables ADD
// evaluates no D-Bus client and no iptables planning, an iptables ADD no nf_tables code.

const nftables = () => import('./backend-nftables.ts');
const iptables = () => import('./backend-iptables.ts');
const firewalld = () => import('./backend-firewalld.ts');

/** Who the rules are for, and the firewalld zone. */
export interface Owner {
  readonly network: string;
  readonly containerId: string;
  readonly ifName: string;
  readonly zone: string;
}

export async function setupRules(
  backend: FirewallBackend,
  owner: Owner,
  target: CniFirewallTarget,
): Promise<void> {
  if (backend === 'nftables') {
    return (await nftables()).setupCniFirewallNftables({ ...owner, ...target });
  }
  if (backend === 'iptables') return await (await iptables()).setupCniFirewallIptables(target);
  const dbus = await firewalld();
  const bus = dbus.systemBusAddress();
  for (const source of dbus.hostSources(target.addresses)) {
    await dbus.addFirewalldSource(bus, owner.zone, source);
  }
  if (target.isolation !== undefined) {
    await (await iptables()).setupCniFirewallIptables({ ...target, forward: false });
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
  if (backend === 'nftables') return (await nftables()).teardownCniFirewallNftables(owner);
  if (backend === 'iptables') {
    return await (await iptables()).teardownCniFirewallIptables(addresses);
  }
  const dbus = await firewalld();
  const bus = dbus.systemBusAddress();
  for (const source of dbus.hostSources(addresses)) {
    await dbus.removeFirewalldSource(bus, owner.zone, source);
  }
}

export async function checkRules(
  backend: FirewallBackend,
  owner: Owner,
  target: CniFirewallTarget,
): Promise<string | undefined> {
  if (backend === 'nftables') {
    return (await nftables()).checkCniFirewallNftables({ ...owner, ...target });
  }
  if (backend === 'iptables') return await (await iptables()).checkCniFirewallIptables(target);
  const dbus = await firewalld();
  const bus = dbus.systemBusAddress();
  for (const source of dbus.hostSources(target.addresses)) {
    if (!(await dbus.queryFirewalldSource(bus, owner.zone, source))) {
      return `source ${JSON.stringify(source)} is not in zone ${JSON.stringify(owner.zone)}`;
    }
  }
  return undefined;
}

/** GC for nftables, whose rules name their owner (the others go by the attachment store). */
export async function gcNftRules(
  network: string,
  valid: readonly { readonly containerId: string; readonly ifName: string }[],
): Promise<void> {
  (await nftables()).gcCniFirewallNftables(network, valid);
}
