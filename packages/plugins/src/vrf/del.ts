import {
  isNotFound,
  type Netns,
  openNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import type { VrfConfig } from './config.ts';
import { detachFromVrf } from './detach.ts';

function openIfPresent(path: string): Netns | undefined {
  if (path === '') return undefined;
  try {
    return openNetns(path);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * vrf DEL: in the container's namespace, the interface leaves the VRF and the VRF goes when
 * it is empty (detach.ts). A namespace, VRF or interface that is gone is success.
 */
export function delVrf(ctx: PluginContext<VrfConfig>): void {
  using netns = openIfPresent(ctx.netns);
  if (netns === undefined) return;
  using sock = openRouteSocket({ netns });
  detachFromVrf(sock, ctx.config.vrfname, ctx.ifName);
}
