import { deleteLinkCollectingAddresses, ipamDel, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type DummyConfig, ipamType } from './config.ts';

/**
 * dummy DEL: the IPAM plugin first (the address is released even when the container is
 * gone), then the link; a missing CNI_NETNS, namespace or link is success.
 */
export async function delDummy(ctx: PluginContext<DummyConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamDel(ctx, type, { resolve: resolveIpamPlugin });
  if (ctx.netns === '') return;
  deleteLinkCollectingAddresses(ctx.netns, ctx.ifName);
}
