import type { NetworkConfigList, PluginConfig } from '../conf/types.ts';
import { MultiError } from '../errors/multi-error.ts';
import { UnsupportedVersionError } from '../errors/unsupported-version-error.ts';
import type { OperationContext, OperationOptions } from './_context.ts';
import { pluginVersionInfo } from './_plugin-version.ts';

async function validatePlugin(
  ctx: OperationContext,
  pluginType: string,
  cniVersion: string,
  options: OperationOptions,
): Promise<void> {
  const expected = cniVersion === '' ? '0.1.0' : cniVersion;
  const info = await pluginVersionInfo(ctx, pluginType, options);
  if (!info.supportedVersions.includes(expected)) {
    throw new UnsupportedVersionError(pluginType, expected, info.supportedVersions);
  }
}

function enabledCapabilities(plugin: PluginConfig, into: Set<string>): Set<string> {
  for (const [name, enabled] of Object.entries(plugin.network.capabilities ?? {})) {
    if (enabled) into.add(name);
  }
  return into;
}

/**
 * Checks that every plugin of the list exists and supports the list's version (exact
 * match of its VERSION answer). All plugins are checked; failures are thrown together
 * as a {@link MultiError} (`[e1 e2]`). Resolves to the capabilities the plugins enable.
 */
export async function validateNetworkList(
  ctx: OperationContext,
  list: NetworkConfigList,
  options: OperationOptions = {},
): Promise<string[]> {
  const capabilities = new Set<string>();
  const errors: Error[] = [];
  for (const plugin of list.plugins) {
    try {
      await validatePlugin(ctx, plugin.network.type, list.cniVersion, options);
    } catch (error) {
      errors.push(error instanceof Error ? error : new Error(String(error)));
    }
    enabledCapabilities(plugin, capabilities);
  }
  if (errors.length > 0) throw MultiError.bracketed(errors);
  return [...capabilities];
}

/** The same for a single-plugin config; its error is thrown as it is. */
export async function validateNetwork(
  ctx: OperationContext,
  conf: PluginConfig,
  options: OperationOptions = {},
): Promise<string[]> {
  await validatePlugin(ctx, conf.network.type, conf.network.cniVersion ?? '', options);
  return [...enabledCapabilities(conf, new Set())];
}
