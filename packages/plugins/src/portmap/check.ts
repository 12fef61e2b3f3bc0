import type { PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { checkMappings } from './backend.ts';
import type { PortMapConfig } from './config.ts';
import { containerAddresses } from './container-ips.ts';
import { portMapSettings } from './settings.ts';
import { portMapTarget } from './target.ts';

/**
 * portmap CHECK: every chain and rule ADD would make is there, for the families the
 * container has an address of (upstream 1.1.1 also checks IPv6 for an IPv4-only
 * container and fails). prevResult is required; without mappings there is nothing to check.
 */
export async function checkPortMap(ctx: PluginContext<PortMapConfig>): Promise<void> {
  const settings = portMapSettings(ctx.config);
  const prev = ctx.prevResult;
  if (prev === undefined) {
    throw new CniError(
      CniErrorCode.InvalidNetworkConfig,
      'prevResult: must be called as chained plugin',
    );
  }
  if (settings.mappings.length === 0) return;
  const addresses = containerAddresses(prev, ctx.ifName);
  const target = portMapTarget(ctx.config.name, ctx.containerId, settings, addresses);
  const missing = await checkMappings(settings.backend, target);
  if (missing.length > 0) {
    throw new CniError(CniErrorCode.Internal, `port mappings missing: ${missing.join('; ')}`);
  }
}
