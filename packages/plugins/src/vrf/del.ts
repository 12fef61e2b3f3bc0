import { openNetnsIfPresent, openRouteSocket, type PluginContext } from '@cni-ts/plugin-kit';
import type { VrfConfig } from './config.ts';
import { detachFromVrf } from './detach.ts';

/**
 * vrf DEL: in the container's namespace, the interface leaves the VRF and the VRF goes when
 * it is empty (detach.ts). A namespace, VRF or interface that is gone is success.
 */
export function delVrf(ctx: PluginContext<VrfConfig>): void {
  using netns = openNetnsIfPresent(ctx.netns);
  if (netns === undefined) return;
  using sock = openRouteSocket({ netns });
  detachFromVrf(sock, ctx.config.vrfname, ctx.ifName);
}
