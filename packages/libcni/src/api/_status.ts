import type { NetworkConfigList } from '../conf/types.ts';
import { PluginError } from '../errors/plugin-error.ts';
import { execPluginWithoutResult } from '../invoke/exec-plugin.ts';
import {
  identify,
  networkEnv,
  type OperationContext,
  type OperationOptions,
  versionAtLeastOrFalse,
} from './_context.ts';
import { networkStdin } from './_plugin-stdin.ts';

/**
 * STATUS of a list, as upstream's GetStatusNetworkList: nothing below 1.1.0; otherwise
 * every plugin in order, stopping at the first failure, which is thrown as a
 * {@link PluginError} carrying the plugin's own code (50 not available, 51 limited
 * connectivity) so callers can test `error.code`.
 */
export async function getStatusNetworkList(
  ctx: OperationContext,
  list: NetworkConfigList,
  options: OperationOptions = {},
): Promise<void> {
  if (!versionAtLeastOrFalse(list.cniVersion, '1.1.0')) return;
  const env = networkEnv(ctx, 'STATUS');
  for (const plugin of list.plugins) {
    try {
      const stdin = networkStdin(list.name, list.cniVersion, plugin);
      const pluginPath = await ctx.exec.findInPath(plugin.network.type, ctx.path);
      await execPluginWithoutResult(ctx.exec, pluginPath, stdin, env, options);
    } catch (error) {
      throw new PluginError('status', identify(plugin), error);
    }
  }
}
