import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type IpvlanConfig, ipamType } from './config.ts';

/** ipvlan STATUS: ready when its IPAM plugin is, if it has one. */
export async function statusIpvlan(ctx: PluginContext<IpvlanConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
}
