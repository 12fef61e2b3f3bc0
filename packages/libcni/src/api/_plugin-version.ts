import type { VersionInfo } from '@cni-ts/spec-types';
import { getVersionInfo } from '../invoke/version-info.ts';
import type { OperationContext, OperationOptions } from './_context.ts';

/**
 * A plugin's VERSION answer, found on the plugin path: the one the context's
 * `VersionCache` kept for that file, or asked now. Negotiation, validation and
 * `getVersionInfo` all come here, so they share the answers.
 */
export async function pluginVersionInfo(
  ctx: OperationContext,
  pluginType: string,
  options: OperationOptions,
): Promise<VersionInfo> {
  const pluginPath = await ctx.exec.findInPath(pluginType, ctx.path);
  return ctx.versions.versionInfo(ctx.exec, pluginPath, options.signal, () =>
    getVersionInfo(ctx.exec, pluginPath, { signal: options.signal, env: ctx.env }),
  );
}
