import { type GcContext, ipamGc } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type HostDeviceConfig, ipamType } from './config.ts';

/** host-device GC: its IPAM plugin's GC, if it has one (host-device keeps no state of its own). */
export async function gcHostDevice(ctx: GcContext<HostDeviceConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamGc(ctx, type, { resolve: resolveIpamPlugin });
}
