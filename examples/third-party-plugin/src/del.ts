// DEL: clears the alias. Idempotent: a namespace or interface that is gone is success.
import {
  getLink,
  isNotFound,
  openNetns,
  openRouteSocket,
  type PluginContext,
  setLinkAlias,
} from '@cni-ts/plugin-kit';
import type { LinkAliasConfig } from './config.ts';

export function delLinkAlias(ctx: PluginContext<LinkAliasConfig>): void {
  if (ctx.netns === '') return;
  let netns: ReturnType<typeof openNetns>;
  try {
    netns = openNetns(ctx.netns);
  } catch {
    return; // the namespace is gone, and the interface with it
  }
  using sock = openRouteSocket({ netns });
  netns.close();
  try {
    setLinkAlias(sock, getLink(sock, { name: ctx.ifName }).index, '');
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
