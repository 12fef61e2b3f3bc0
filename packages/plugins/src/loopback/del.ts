import {
  getLink,
  isNotFound,
  openNetnsIfPresent,
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
  using netns = openNetnsIfPresent(ctx.netns);
  if (netns === undefined) return;
  using sock = openRouteSocket({ netns });
  try {
    setLinkDown(sock, getLink(sock, { name: 'lo' }).index);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
