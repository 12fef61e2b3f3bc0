import { ipamStatus, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type DummyConfig, ipamType } from './config.ts';

/** dummy STATUS: ready when its IPAM plugin is. */
export async function statusDummy(ctx: PluginContext<DummyConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamStatus(ctx, type, { resolve: resolveIpamPlugin });
}
