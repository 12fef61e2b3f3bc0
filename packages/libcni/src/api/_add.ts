import {
  CniError,
  CniErrorCode,
  type Result,
  validateContainerId,
  validateInterfaceName,
  validateNetworkName,
} from '@cni-ts/spec-types';
import type { NetworkConfigList, PluginConfig } from '../conf/types.ts';
import { CacheError } from '../errors/cache-error.ts';
import { PluginError } from '../errors/plugin-error.ts';
import { execPluginWithResult } from '../invoke/exec-plugin.ts';
import {
  attachmentEnv,
  identify,
  messageOf,
  type OperationContext,
  type OperationOptions,
} from './_context.ts';
import { attachmentStdin } from './_plugin-stdin.ts';
import type { RuntimeConf } from './runtime-conf.ts';

/** One network's ADD: the name and version every plugin gets, the plugins, the config to cache. */
interface AddPlan {
  readonly network: string;
  readonly cniVersion: string;
  readonly plugins: readonly PluginConfig[];
  readonly config: Uint8Array;
}

async function runAdd(
  ctx: OperationContext,
  plan: AddPlan,
  runtime: RuntimeConf,
  options: OperationOptions,
): Promise<Result> {
  // Checked before any plugin runs (upstream checks them per plugin, after the lookup).
  validateContainerId(runtime.containerId);
  validateNetworkName(plan.network);
  validateInterfaceName(runtime.ifName);
  if (plan.plugins.length === 0) {
    throw new CniError(CniErrorCode.InvalidNetworkConfig, 'no plugins in list');
  }
  const env = attachmentEnv(ctx, 'ADD', runtime);
  let result: Result | undefined;
  for (const plugin of plan.plugins) {
    try {
      const pluginPath = await ctx.exec.findInPath(plugin.network.type, ctx.path);
      const stdin = attachmentStdin(plan.network, plan.cniVersion, plugin, result, runtime);
      result = await execPluginWithResult(ctx.exec, pluginPath, stdin, env, options);
    } catch (error) {
      throw new PluginError('add', identify(plugin), error);
    }
  }
  if (result === undefined) throw new CniError(CniErrorCode.Internal, 'no result');
  try {
    await ctx.cache.write({ network: plan.network, runtime, config: plan.config, result });
  } catch (error) {
    throw new CacheError(
      `failed to set network "${plan.network}" cached result: ${messageOf(error)}`,
      { cause: error },
    );
  }
  return result;
}

/** ADD of a list: plugins in order, each given the previous result; cached only on full success. */
export function addNetworkList(
  ctx: OperationContext,
  list: NetworkConfigList,
  runtime: RuntimeConf,
  options: OperationOptions = {},
): Promise<Result> {
  const plan = { network: list.name, cniVersion: list.cniVersion, plugins: list.plugins };
  return runAdd(ctx, { ...plan, config: list.bytes }, runtime, options);
}

/** ADD of a single-plugin config, at its own name and version. */
export function addNetwork(
  ctx: OperationContext,
  conf: PluginConfig,
  runtime: RuntimeConf,
  options: OperationOptions = {},
): Promise<Result> {
  const plan = {
    network: conf.network.name ?? '',
    cniVersion: conf.network.cniVersion ?? '',
    plugins: [conf],
    config: conf.bytes,
  };
  return runAdd(ctx, plan, runtime, options);
}
