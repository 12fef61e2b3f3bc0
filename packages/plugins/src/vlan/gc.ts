import { type GcContext, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type VlanConfig } from './config.ts';

/** vlan GC: its IPAM plugin's GC, if it has one (vlan keeps no state of its own). */
export async function gcVlan(ctx: GcContext<VlanConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamGc(ctx, type, { resolve: resolveIpamPlugin });
}
