// ADD: sets the alias on the container's interface and passes the previous result on.
import { type PluginContext, setLinkAlias } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { aliasFor } from './alias.ts';
import type { LinkAliasConfig } from './config.ts';
import { containerLink, containerSocket } from './container-link.ts';

export function addLinkAlias(ctx: PluginContext<LinkAliasConfig>): Result100 {
  if (ctx.prevResult === undefined) {
    throw new CniError(
      CniErrorCode.InvalidNetworkConfig,
      'link-alias must be chained after an interface plugin',
    );
  }
  using sock = containerSocket(ctx.netns);
  const link = containerLink(sock, ctx.ifName);
  setLinkAlias(sock, link.index, aliasFor(ctx));
  return ctx.prevResult;
}
