import {
  type GcContext,
  gcPortMapIptables,
  gcPortMapNftables,
  goErrorText,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import {
  forgetMarker,
  markerDataDir,
  networkMarkers,
  otherNetworksContainers,
} from './attachment-markers.ts';
import type { PortMapConfig } from './config.ts';
import { gcPlan } from './gc-plan.ts';
import { configuredBackend } from './settings.ts';

/**
 * nftables: the rules name only the container id, so the network's attachments are known
 * from the markers our ADD kept (see attachment-markers.ts). The rules of the stale ones
 * go in one transaction, then their markers; a second GC finds no marker and does nothing.
 * Rules the Go plugin made have no marker: their network cannot be known, they stay.
 */
function gcNftables(ctx: GcContext<PortMapConfig>): void {
  const dataDir = markerDataDir(ctx.config);
  const network = ctx.config.name;
  const valid = ctx.validAttachments.map((a) => ({ containerId: a.containerID, ifName: a.ifname }));
  const plan = gcPlan(
    networkMarkers(dataDir, network),
    valid,
    otherNetworksContainers(dataDir, network),
  );
  gcPortMapNftables(plan.containerIds);
  for (const marker of plan.markers) forgetMarker(marker.file);
}

/**
 * portmap GC (upstream has none): removes the mappings of this network's attachments that
 * are not among the valid attachments and keeps the others. iptables finds them by the
 * network and container id in its chains and comments; nftables by the markers of ADD.
 */
export async function gcPortMap(ctx: GcContext<PortMapConfig>): Promise<void> {
  try {
    if (configuredBackend(ctx.config) === 'nftables') {
      gcNftables(ctx);
      return;
    }
    const keep = ctx.validAttachments.map((attachment) => ({
      containerId: attachment.containerID,
    }));
    await gcPortMapIptables(ctx.config.name, keep);
  } catch (error) {
    throw new CniError(CniErrorCode.Internal, `portmap gc: ${goErrorText(error)}`, {
      cause: error,
    });
  }
}
