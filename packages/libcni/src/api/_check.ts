import { type Result, versionAtLeast } from '@cni-ts/spec-types';
import type { NetworkConfigList, PluginConfig } from '../conf/types.ts';
import { CacheError } from '../errors/cache-error.ts';
import { CheckNotSupportedError } from '../errors/check-not-supported-error.ts';
import { PluginError } from '../errors/plugin-error.ts';
import { execPluginWithoutResult } from '../invoke/exec-plugin.ts';
import {
  attachmentEnv,
  identify,
  messageOf,
  type OperationContext,
  type OperationOptions,
} from './_context.ts';
import { attachmentStdin } from './_plugin-stdin.ts';
import type { RuntimeConf } from './runtime-conf.ts';

async function cachedResult(
  ctx: OperationContext,
  network: string,
  cniVersion: string,
  runtime: RuntimeConf,
): Promise<Result | undefined> {
  try {
    return await ctx.cache.readResult(network, cniVersion, runtime);
  } catch (error) {
    throw new CacheError(`failed to get network "${network}" cached result: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

async function runCheck(
  ctx: OperationContext,
  network: string,
  cniVersion: string,
  plugins: readonly PluginConfig[],
  runtime: RuntimeConf,
  options: OperationOptions,
): Promise<void> {
  const prevResult = await cachedResult(ctx, network, cniVersion, runtime);
  const env = attachmentEnv(ctx, 'CHECK', runtime);
  for (const plugin of plugins) {
    try {
      const pluginPath = await ctx.exec.findInPath(plugin.network.type, ctx.path);
      const stdin = attachmentStdin(network, cniVersion, plugin, prevResult, runtime);
      await execPluginWithoutResult(ctx.exec, pluginPath, stdin, env, options);
    } catch (error) {
      throw new PluginError('check', identify(plugin), error);
    }
  }
}

/**
 * CHECK of a list: refused below 0.4.0 ({@link CheckNotSupportedError}, before
 * `disableCheck` is looked at), skipped with `disableCheck`, else every plugin in order
 * with the cached result as prevResult; the first failure stops it.
 */
export async function checkNetworkList(
  ctx: OperationContext,
  list: NetworkConfigList,
  runtime: RuntimeConf,
  options: OperationOptions = {},
): Promise<void> {
  if (!versionAtLeast(list.cniVersion, '0.4.0')) throw new CheckNotSupportedError(list.cniVersion);
  if (list.disableCheck) return;
  await runCheck(ctx, list.name, list.cniVersion, list.plugins, runtime, options);
}

/** CHECK of a single-plugin config. */
export async function checkNetwork(
  ctx: OperationContext,
  conf: PluginConfig,
  runtime: RuntimeConf,
  options: OperationOptions = {},
): Promise<void> {
  const cniVersion = conf.network.cniVersion ?? '';
  if (!versionAtLeast(cniVersion, '0.4.0')) throw new CheckNotSupportedError(cniVersion);
  await runCheck(ctx, conf.network.name ?? '', cniVersion, [conf], runtime, options);
}
