import { goErrorText, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { forgetMarker, markerDataDir, markerFile } from './attachment-markers.ts';
import { teardownMappings } from './backend.ts';
import type { PortMapConfig } from './config.ts';
import { configuredBackend } from './settings.ts';

/**
 * portmap DEL: removes the attachment's chain and entry rules (nftables: its rules, found
 * by the container id) in both families, whatever runtimeConfig and prevResult say
 * (upstream does nothing without portMappings and leaks the rules; ours then first asks
 * the kernel whether they exist, see teardownPortMapIptables). The attachment's GC marker
 * goes after its rules (see attachment-markers.ts). No netns is needed; nothing there, or
 * a second DEL, is success.
 */
export async function delPortMap(ctx: PluginContext<PortMapConfig>): Promise<void> {
  try {
    const expectNothing = (ctx.config.runtimeConfig?.portMappings ?? []).length === 0;
    const backend = configuredBackend(ctx.config);
    await teardownMappings(backend, ctx.config.name, ctx.containerId, expectNothing);
    const { name } = ctx.config;
    forgetMarker(markerFile(markerDataDir(ctx.config), name, ctx.containerId, ctx.ifName));
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `could not teardown port mappings: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}
