import type { NetworkConfigList } from '../conf/types.ts';
import { MultiError } from '../errors/multi-error.ts';
import { PluginError } from '../errors/plugin-error.ts';
import { execPluginWithoutResult } from '../invoke/exec-plugin.ts';
import {
  identify,
  messageOf,
  networkEnv,
  type OperationContext,
  type OperationOptions,
  versionAtLeastOrFalse,
} from './_context.ts';
import { delNetworkList } from './_del.ts';
import { networkStdin } from './_plugin-stdin.ts';
import type { GcArgs, NetworkAttachment } from './runtime-conf.ts';

async function deleteStale(
  ctx: OperationContext,
  list: NetworkConfigList,
  args: GcArgs | undefined,
  options: OperationOptions,
  errors: Error[],
): Promise<void> {
  let cached: NetworkAttachment[];
  try {
    cached = await ctx.cache.listAttachments();
  } catch (error) {
    // Upstream gives up silently here (open PR #1165); GC still reaches the plugins.
    errors.push(
      new Error(`failed to list cached attachments: ${messageOf(error)}`, { cause: error }),
    );
    return;
  }
  const valid = new Set(
    (args?.validAttachments ?? []).map((a) => JSON.stringify([a.containerID, a.ifname])),
  );
  for (const attachment of cached) {
    if (attachment.network !== list.name) continue;
    if (valid.has(JSON.stringify([attachment.containerId, attachment.ifName]))) continue;
    const runtime = {
      containerId: attachment.containerId,
      netns: attachment.netns,
      ifName: attachment.ifName,
      args: attachment.cniArgs,
      capabilityArgs: attachment.capabilityArgs,
    };
    try {
      await delNetworkList(ctx, list, runtime, options);
    } catch (error) {
      errors.push(
        new Error(
          `failed to delete stale attachment ${attachment.containerId} ${attachment.ifName}: ${messageOf(error)}`,
          { cause: error },
        ),
      );
    }
  }
}

/**
 * GC of a list, as upstream's GCNetworkList: nothing with `disableGC`; otherwise every
 * cached attachment of this network that is not in `args.validAttachments` (all of them
 * when `args` is undefined) is deleted with a full DEL using its cached netns, CNI_ARGS
 * and capability arguments; then, from 1.1.0 on, every plugin gets GC with both
 * `cni.dev/valid-attachments` and `cni.dev/attachments`. Failures do not stop it: they
 * are collected and thrown together as a {@link MultiError}.
 */
export async function gcNetworkList(
  ctx: OperationContext,
  list: NetworkConfigList,
  args: GcArgs | undefined,
  options: OperationOptions = {},
): Promise<void> {
  if (list.disableGC) return;
  const errors: Error[] = [];
  await deleteStale(ctx, list, args, options, errors);
  if (versionAtLeastOrFalse(list.cniVersion, '1.1.0')) {
    const env = networkEnv(ctx, 'GC');
    const attachments = args === undefined ? undefined : { valid: args.validAttachments };
    for (const plugin of list.plugins) {
      try {
        const stdin = networkStdin(list.name, list.cniVersion, plugin, attachments);
        const pluginPath = await ctx.exec.findInPath(plugin.network.type, ctx.path);
        await execPluginWithoutResult(ctx.exec, pluginPath, stdin, env, options);
      } catch (error) {
        errors.push(new PluginError('gc', identify(plugin), error));
      }
    }
  }
  if (errors.length > 0) throw MultiError.joined(errors);
}
