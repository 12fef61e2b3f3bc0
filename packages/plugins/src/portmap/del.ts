import { goErrorText, type PluginContext, teardownPortMapIptables } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { PortMapConfig } from './config.ts';

/**
 * portmap DEL: removes the attachment's chain and entry rules in both families, whatever
 * runtimeConfig and prevResult say (upstream does nothing without portMappings and leaks
 * the rules). No netns is needed; nothing there, or a second DEL, is success.
 */
export async function delPortMap(ctx: PluginContext<PortMapConfig>): Promise<void> {
  try {
    await teardownPortMapIptables({ network: ctx.config.name, containerId: ctx.containerId });
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `could not teardown port mappings: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}
