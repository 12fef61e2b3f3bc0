import type { PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import type { PortMapConfig } from './config.ts';
import { containerAddresses } from './container-ips.ts';
import { portMapSettings } from './settings.ts';

/**
 * portmap ADD: prevResult is required; without mappings, or without an address of the
 * container to forward to, it passes prevResult through. Otherwise the mappings of the
 * container's first IPv4 and IPv6 address are installed (add-mappings.ts, loaded only
 * then). Returns prevResult.
 */
export async function addPortMap(ctx: PluginContext<PortMapConfig>): Promise<Result100> {
  const settings = portMapSettings(ctx.config);
  const prev = ctx.prevResult;
  if (prev === undefined) {
    throw new CniError(
      CniErrorCode.InvalidNetworkConfig,
      'prevResult: must be called as chained plugin',
    );
  }
  if (settings.mappings.length === 0) return prev;
  const addresses = containerAddresses(prev, ctx.ifName);
  if (addresses.length === 0) return prev;
  await (await import('./add-mappings.ts')).addMappings(ctx, settings, addresses);
  return prev;
}
