import { type Result, versionAtLeast } from '@cni-ts/spec-types';
import type { NetworkConfigList, PluginConfig } from '../conf/types.ts';
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

/** The cached result for DEL; a cache that cannot be read is reported and ignored. */
async function prevResultForDel(
  ctx: OperationContext,
  network: string,
  cniVersion: string,
  runtime: RuntimeConf,
): Promise<Result | undefined> {
  if (!versionAtLeast(cniVersion, '0.4.0')) return undefined;
  try {
    return await ctx.cache.readResult(network, cniVersion, runtime);
  } catch (error) {
    ctx.warn(
      `DEL of network "${network}" (container "${runtime.containerId}", interface "${runtime.ifName}") proceeds without prevResult: ${messageOf(error)}`,
    );
    return undefined;
  }
}

async function runDel(
  ctx: OperationContext,
  network: string,
  cniVersion: string,
  plugins: readonly PluginConfig[],
  runtime: RuntimeConf,
  options: OperationOptions,
): Promise<void> {
  const prevResult = await prevResultForDel(ctx, network, cniVersion, runtime);
  const env = attachmentEnv(ctx, 'DEL', runtime);
  for (const plugin of [...plugins].reverse()) {
    try {
      const pluginPath = await ctx.exec.findInPath(plugin.network.type, ctx.path);
      const stdin = attachmentStdin(network, cniVersion, plugin, prevResult, runtime);
      await execPluginWithoutResult(ctx.exec, pluginPath, stdin, env, options);
    } catch (error) {
      // The cache stays, so that the DEL can be retried with it.
      throw new PluginError('delete', identify(plugin), error);
    }
  }
  try {
    await ctx.cache.remove(network, runtime);
  } catch (error) {
    ctx.warn(`cannot remove the cached result of network "${network}": ${messageOf(error)}`);
  }
}

/**
 * DEL of a list: plugins in reverse order, each given the cached result as prevResult
 * (from 0.4.0 on); the first failure stops it and keeps the cache. An unreadable, empty
 * or corrupt cache file does not block DEL: it runs without prevResult, the problem is
 * reported through the warning callback, and the file is removed only once DEL succeeded.
 */
export function delNetworkList(
  ctx: OperationContext,
  list: NetworkConfigList,
  runtime: RuntimeConf,
  options: OperationOptions = {},
): Promise<void> {
  return runDel(ctx, list.name, list.cniVersion, list.plugins, runtime, options);
}

/** DEL of a single-plugin config. */
export function delNetwork(
  ctx: OperationContext,
  conf: PluginConfig,
  runtime: RuntimeConf,
  options: OperationOptions = {},
): Promise<void> {
  const cniVersion = conf.network.cniVersion ?? '';
  return runDel(ctx, conf.network.name ?? '', cniVersion, [conf], runtime, options);
}
