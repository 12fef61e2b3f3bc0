import {
  checkPortMapIptables,
  checkPortMapNftables,
  type PortMapBackend,
  type PortMapTarget,
  setupPortMapIptables,
  setupPortMapNftables,
  teardownPortMapIptables,
  teardownPortMapNftables,
} from '@cni-ts/plugin-kit';

// The three operations of the configured backend: iptables through restore batches
// (both families at once), nftables through one nf_tables transaction.

export async function setupMappings(backend: PortMapBackend, target: PortMapTarget): Promise<void> {
  if (backend === 'nftables') setupPortMapNftables(target);
  else await setupPortMapIptables(target);
}

/** `expectNothing`: the DEL names no mappings (see teardownPortMapIptables). */
export async function teardownMappings(
  backend: PortMapBackend,
  network: string,
  containerId: string,
  expectNothing = false,
): Promise<void> {
  if (backend === 'nftables') teardownPortMapNftables(containerId);
  else await teardownPortMapIptables({ network, containerId }, {}, expectNothing);
}

export async function checkMappings(
  backend: PortMapBackend,
  target: PortMapTarget,
): Promise<string[]> {
  return backend === 'nftables' ? checkPortMapNftables(target) : await checkPortMapIptables(target);
}
