import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type HostDeviceConfig, ipamType } from './config.ts';

/** host-device STATUS: ready when its IPAM plugin is, if it has one. */
export async function statusHostDevice(ctx: PluginContext<HostDeviceConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
}
