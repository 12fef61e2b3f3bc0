import { goErrorText, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { teardownMappings } from './backend.ts';
import type { PortMapConfig } from './config.ts';
import { portMapSettings } from './settings.ts';

/** The configured backend; a config that does not validate is torn down as iptables. */
function backendOf(config: PortMapConfig) {
  try {
    return portMapSettings({ ...config, runtimeConfig: {} }).backend;
  } catch {
    return config.backend === 'nftables' ? 'nftables' : 'iptables';
  }
}

/**
 * portmap DEL: removes the attachment's chain and entry rules (nftables: its rules, found
 * by the container id) in both families, whatever
 * runtimeConfig and prevResult say (upstream does nothing without portMappings and leaks
 * the rules). No netns is needed; nothing there, or a second DEL, is success.
 */
export async function delPortMap(ctx: PluginContext<PortMapConfig>): Promise<void> {
  try {
    await teardownMappings(backendOf(ctx.config), ctx.config.name, ctx.containerId);
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `could not teardown port mappings: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}
