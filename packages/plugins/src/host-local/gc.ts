import type { GcContext } from '@cni-ts/plugin-kit';
import type { HostLocalConfig } from './config.ts';
import { loadIpamConfig } from './ipam-config.ts';
import { DiskStore, type Reservation, reservationKey } from './store.ts';

/**
 * Releases every reservation whose attachment is not among the valid ones. Upstream has
 * no GC. A file written before the interface was recorded is kept while its container has
 * any valid attachment. What killed writers left (empty address files, temporary files)
 * goes first, whatever the valid attachments. The lock and last_reserved_ip files stay.
 */
export function gcHostLocal(ctx: GcContext<HostLocalConfig, 'IP'>): void {
  const ipam = loadIpamConfig(ctx.config, ctx.cniVersion, undefined);
  const store = DiskStore.existing(ipam.dataDir, ipam.name);
  if (store === undefined) return;
  const valid = new Set(ctx.validAttachments.map((a) => reservationKey(a.containerID, a.ifname)));
  const validIds = new Set(ctx.validAttachments.map((a) => a.containerID.trim()));
  const isValid = (r: Reservation): boolean =>
    r.ifName === undefined
      ? validIds.has(r.containerId)
      : valid.has(reservationKey(r.containerId, r.ifName));
  using _lock = store.lock();
  for (const reservation of store.sweep().reservations) {
    if (!isValid(reservation)) store.release(reservation);
  }
}
