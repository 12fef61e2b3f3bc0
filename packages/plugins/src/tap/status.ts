import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type TapCniArg, type TapConfig } from './config.ts';

/** tap STATUS: ready when its IPAM plugin is, if it has one. */
export async function statusTap(ctx: PluginContext<TapConfig, TapCniArg>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
}
