import { openContainerNetns, openRouteSocket, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { VrfConfig } from './config.ts';
import { checkInVrf } from './detach.ts';

/** vrf CHECK, as upstream: prevResult is required and CNI_IFNAME is in the VRF. */
export function checkVrf(ctx: PluginContext<VrfConfig>): void {
  if (ctx.prevResult === undefined) {
    throw new CniError(CniErrorCode.Internal, 'missing prevResult from earlier plugin');
  }
  using netns = openContainerNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  checkInVrf(sock, ctx.config.vrfname, ctx.ifName);
}
