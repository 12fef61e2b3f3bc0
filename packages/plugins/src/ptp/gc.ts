import { type GcContext, gcIpMasq, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type PtpConfig } from './config.ts';

/**
 * ptp GC (upstream has none): the IPAM plugin's GC, then the masquerade rules of this
 * network whose attachment is not among the valid ones, on both backends (rules may be
 * left from a config with `ipMasq` on or another backend).
 */
export async function gcPtp(ctx: GcContext<PtpConfig>): Promise<void> {
  await ipamGc(ctx, ipamType(ctx.config), { resolve: resolveIpamPlugin });
  gcIpMasq({
    network: ctx.config.name,
    validAttachments: ctx.validAttachments.map((attachment) => ({
      containerId: attachment.containerID,
      ifName: attachment.ifname,
    })),
  });
}
