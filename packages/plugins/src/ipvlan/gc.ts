import { type GcContext, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type IpvlanConfig, ipamType } from './config.ts';

/** ipvlan GC: its IPAM plugin's GC, if it has one (ipvlan keeps no state of its own). */
export async function gcIpvlan(ctx: GcContext<IpvlanConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamGc(ctx, type, { resolve: resolveIpamPlugin });
}
