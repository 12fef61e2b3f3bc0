import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';

/** macvlan STATUS: ready when its IPAM plugin is, if it has one. */
export async function statusMacvlan(
  ctx: PluginContext<MacvlanConfig, MacvlanCniArg>,
): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
}
