// CHECK: the interface still carries the alias ADD gave it.
import type { PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { aliasFor } from './alias.ts';
import type { LinkAliasConfig } from './config.ts';
import { containerLink, containerSocket } from './container-link.ts';

export function checkLinkAlias(ctx: PluginContext<LinkAliasConfig>): void {
  using sock = containerSocket(ctx.netns);
  const want = aliasFor(ctx);
  const have = containerLink(sock, ctx.ifName).alias ?? '';
  if (have !== want) {
    throw new CniError(
      CniErrorCode.Internal,
      `${ctx.ifName} has alias "${have}", expected "${want}"`,
    );
  }
}
