import type { PluginContext } from '@cni-ts/plugin-kit';
import type { HostLocalConfig } from './config.ts';
import { loadIpamConfig } from './ipam-config.ts';
import { DiskStore } from './store.ts';

/**
 * Releases every address the attachment holds (files written before upstream recorded the
 * interface are released when no current one matches). Idempotent: an unknown container or
 * a network with no store directory is success, and no directory is created. It also
 * removes what killed writers left in the store (empty address files, temporary files):
 * under the lock nobody is writing them, the files are read for the release anyway, and
 * runtimes that never call GC still converge, since they retry DEL after a killed ADD.
 */
export function delHostLocal(ctx: PluginContext<HostLocalConfig, 'IP'>): void {
  const ipam = loadIpamConfig(ctx.config, ctx.cniVersion, ctx.cniArgs.IP);
  const store = DiskStore.existing(ipam.dataDir, ipam.name);
  if (store === undefined) return;
  using _lock = store.lock();
  // One reading of the directory and its files for both (a network of many containers).
  const { reservations } = store.sweep();
  store.releaseHeldBy(ctx.containerId, ctx.ifName, reservations);
}
