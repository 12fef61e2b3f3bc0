import type { PluginContext } from '@cni-ts/plugin-kit';
import type { HostLocalConfig } from './config.ts';
import { HostLocalError } from './host-local-error.ts';
import { loadIpamConfig } from './ipam-config.ts';
import { DiskStore } from './store.ts';

function holds(store: DiskStore, containerId: string, ifName: string): boolean {
  using _lock = store.lock();
  return store.heldBy(containerId, ifName).length > 0;
}

/** The attachment must hold at least one address in the store (upstream's only check). */
export function checkHostLocal(ctx: PluginContext<HostLocalConfig, 'IP'>): void {
  const ipam = loadIpamConfig(ctx.config, ctx.cniVersion, ctx.cniArgs.IP);
  const store = DiskStore.existing(ipam.dataDir, ipam.name);
  if (store === undefined || !holds(store, ctx.containerId, ctx.ifName)) {
    throw new HostLocalError(
      `host-local: Failed to find address added by container ${ctx.containerId}`,
    );
  }
}
