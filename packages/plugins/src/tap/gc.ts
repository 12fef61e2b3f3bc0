import { type GcContext, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type TapConfig } from './config.ts';

/** tap GC: its IPAM plugin's GC, if it has one (tap keeps no state of its own). */
export async function gcTap(ctx: GcContext<TapConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamGc(ctx, type, { resolve: resolveIpamPlugin });
}
