import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type PtpConfig } from './config.ts';

/** ptp STATUS: ready when its IPAM plugin is (ptp itself needs nothing). */
export async function statusPtp(ctx: PluginContext<PtpConfig>): Promise<void> {
  await ipamStatus(ctx, ipamType(ctx.config), { resolve: resolveIpamPlugin });
}
