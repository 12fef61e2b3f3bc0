import { type GcContext, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type MacvlanConfig } from './config.ts';

/** macvlan GC: its IPAM plugin's GC, if it has one (macvlan keeps no state of its own). */
export async function gcMacvlan(ctx: GcContext<MacvlanConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamGc(ctx, type, { resolve: resolveIpamPlugin });
}
