import { deleteLinkCollectingAddresses, ipamDel, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';

/**
 * macvlan DEL: the IPAM plugin first (so the address is released even when the container
 * is gone), then the container's link. A missing CNI_NETNS, namespace or link is success.
 * Unlike upstream, the master is not looked up: DEL works after the master is gone, and
 * without a master in the config on a host without a default route.
 */
export async function delMacvlan(ctx: PluginContext<MacvlanConfig, MacvlanCniArg>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamDel(ctx, type, { resolve: resolveIpamPlugin });
  if (ctx.netns === '') return;
  deleteLinkCollectingAddresses(ctx.netns, ctx.ifName);
}
