import type { PortMapBackend, PortMapTarget } from '@cni-ts/plugin-kit';

// The three operations of the configured backend: iptables through restore batches
// (both families at once), nftables through one nf_tables transaction. Each backend's
// module is loaded when it is used: an nftables ADD evaluates no iptables planning.

const nftables = () => import('./backend-nftables.ts');
const iptables = () => import('./backend-iptables.ts');

export async function setupMappings(backend: PortMapBackend, target: PortMapTarget): Promise<void> {
  if (backend === 'nftables') (await nftables()).setupPortMapNftables(target);
  else await (await iptables()).setupPortMapIptables(target);
}

export async function teardownMappings(
  backend: PortMapBackend,
  network: string,
  containerId: string,
): Promise<void> {
  if (backend === 'nftables') (await nftables()).teardownPortMapNftables(containerId);
  else await (await iptables()).teardownPortMapIptables({ network, containerId });
}

export async function checkMappings(
  backend: PortMapBackend,
  target: PortMapTarget,
): Promise<string[]> {
  return backend === 'nftables'
    ? (await nftables()).checkPortMapNftables(target)
    : await (await iptables()).checkPortMapIptables(target);
}
