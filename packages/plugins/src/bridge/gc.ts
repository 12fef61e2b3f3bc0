import { type GcContext, gcIpMasq, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';
import { bridgeSettings } from './settings.ts';

/**
 * GC (upstream's bridge has none): removes the masquerade rules of this network whose
 * attachment is not among the valid ones (both backends), the spoof checks of such
 * attachments on this bridge, and runs the IPAM plugin's GC (which gets the same config,
 * valid attachments included).
 */
export async function gcBridge(ctx: GcContext<BridgeConfig, BridgeCniArg>): Promise<void> {
  const settings = bridgeSettings(ctx.config, ctx.cniArgs);
  const validAttachments = ctx.validAttachments.map((attachment) => ({
    containerId: attachment.containerID,
    ifName: attachment.ifname,
  }));
  gcIpMasq({ network: settings.network, validAttachments });
  if (settings.macspoofchk) {
    // Loaded here: the spoof check's nf_tables code is no part of a bridge without it.
    const { spoofCheckId } = await import('./spoof-check.ts');
    const { gcSpoofChecks } = await import('./spoof-check-gc.ts');
    const valid = new Set(validAttachments.map((a) => spoofCheckId(a.containerId, a.ifName)));
    gcSpoofChecks(settings.bridge, valid);
  }
  if (settings.ipamType !== undefined) {
    await ipamGc(ctx, settings.ipamType, { resolve: resolveIpamPlugin });
  }
}
