import { deleteLinkCollectingAddresses, ipamDel, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type TapCniArg, type TapConfig } from './config.ts';

/**
 * tap DEL: the IPAM plugin first (so the address is released even when the container
 * is gone), then the container's link. A missing CNI_NETNS, namespace or link is success.
 */
export async function delTap(ctx: PluginContext<TapConfig, TapCniArg>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamDel(ctx, type, { resolve: resolveIpamPlugin });
  if (ctx.netns === '') return;
  deleteLinkCollectingAddresses(ctx.netns, ctx.ifName);
}
