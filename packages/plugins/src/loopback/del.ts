import {
  getLink,
  isNetnsError,
  isNotFound,
  openNetns,
  openRouteSocket,
  type PluginContext,
  setLinkDown,
} from '@cni-ts/plugin-kit';
import type { LoopbackConfig } from './config.ts';

/**
 * Sets `lo` down. DEL is idempotent: no netns given, a netns that is gone, or no `lo` at
 * all is success.
 */
export function delLoopback(ctx: PluginContext<LoopbackConfig>): void {
  if (ctx.netns === '') return;
  let netns: ReturnType<typeof openNetns>;
  try {
    netns = openNetns(ctx.netns);
  } catch (error) {
    if (isNetnsError(error) && error.reason === 'not-found') return;
    throw error;
  }
  using owned = netns;
  using sock = openRouteSocket({ netns: owned });
  try {
    setLinkDown(sock, getLink(sock, { name: 'lo' }).index);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
