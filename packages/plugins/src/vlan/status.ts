import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type VlanConfig } from './config.ts';

/** vlan STATUS: ready when its IPAM plugin is, if it has one. */
export async function statusVlan(ctx: PluginContext<VlanConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
}
