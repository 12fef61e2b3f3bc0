import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';

/** STATUS: the IPAM plugin's STATUS when `ipam.type` is set, else ready (as upstream). */
export async function statusBridge(ctx: PluginContext<BridgeConfig, BridgeCniArg>): Promise<void> {
  const type = ctx.config.ipam?.type;
  if (type !== undefined && type !== '') {
    await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
  }
}
