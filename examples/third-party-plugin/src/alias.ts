// The alias text for one attachment.
import type { PluginContext } from '@cni-ts/plugin-kit';
import type { LinkAliasConfig } from './config.ts';

/** The config's template with `{network}`, `{containerId}` and `{ifName}` filled in. */
export function aliasFor(ctx: PluginContext<LinkAliasConfig>): string {
  const values: Record<string, string> = {
    network: ctx.config.name,
    containerId: ctx.containerId,
    ifName: ctx.ifName,
  };
  return ctx.config.template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
