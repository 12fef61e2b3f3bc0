import { getLink, IFF, openNetns, openRouteSocket, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { LoopbackConfig } from './config.ts';

/** `lo` must be up (upstream's only check). */
export function checkLoopback(ctx: PluginContext<LoopbackConfig>): void {
  using netns = openNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  const link = getLink(sock, { name: 'lo' });
  if ((link.flags & IFF.UP) === 0) {
    throw new CniError(CniErrorCode.Internal, 'loopback interface is down');
  }
}
