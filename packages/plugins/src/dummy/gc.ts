import { type GcContext, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type DummyConfig, ipamType } from './config.ts';

/** dummy GC: its IPAM plugin's GC (dummy keeps no state of its own). */
export async function gcDummy(ctx: GcContext<DummyConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamGc(ctx, type, { resolve: resolveIpamPlugin });
}
