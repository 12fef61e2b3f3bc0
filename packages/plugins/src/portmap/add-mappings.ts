import {
  flushPortMapConntrack,
  goErrorText,
  isFirewallError,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, parseCidr } from '@cni-ts/spec-types';
import { markerDataDir, recordAttachment } from './attachment-markers.ts';
import { setupMappings } from './backend.ts';
import type { PortMapConfig } from './config.ts';
import { enableLocalnetRouting } from './localnet.ts';
import type { PortMapSettings } from './settings.ts';
import { portMapTarget } from './target.ts';

/** A batch iptables refused while the config has conditions: name those keys. */
function failure(error: unknown, conditioned: boolean): CniError {
  const text = goErrorText(error);
  if (conditioned && isFirewallError(error) && error.code === 'failed') {
    return new CniError(
      CniErrorCode.InvalidNetworkConfig,
      `conditionsV4/conditionsV6: iptables refused the rules: ${text}`,
      { cause: error },
    );
  }
  return new CniError(CniErrorCode.Internal, `failed to set up port mappings: ${text}`, {
    cause: error,
  });
}

/**
 * The mappings of a portmap ADD that has some: installed for `addresses` (iptables: one
 * restore batch per family, both at once; nftables: one transaction, after a marker of the
 * attachment's network for GC), then the conntrack entries of its UDP host ports deleted
 * (ctnetlink), and for IPv4 with snat route_localnet on the host interface towards the
 * container. Loaded only then: an ADD without mappings (every container a runtime starts
 * without published ports) evaluates none of the netlink, nf_tables or iptables code.
 */
export async function addMappings(
  ctx: PluginContext<PortMapConfig>,
  settings: PortMapSettings,
  addresses: readonly string[],
): Promise<void> {
  const target = portMapTarget(ctx.config.name, ctx.containerId, settings, addresses);
  let conditioned = false;
  for (const words of Object.values(settings.conditions)) if (words.length > 0) conditioned = true;
  try {
    // nftables: the marker first, so rules never exist that GC could not attribute.
    if (settings.backend === 'nftables') {
      recordAttachment(markerDataDir(ctx.config), ctx.config.name, ctx.containerId, ctx.ifName);
    }
    await setupMappings(settings.backend, target);
  } catch (error) {
    throw failure(error, conditioned);
  }
  try {
    flushPortMapConntrack(target);
  } catch (error) {
    // As upstream: a failed flush is only logged; the mappings are in place.
    ctx.log.warn(`failed to delete stale UDP conntrack entries: ${goErrorText(error)}`);
  }
  if (settings.snat) {
    let v4: Uint8Array | undefined;
    for (const text of addresses) {
      const ip = parseCidr(text)?.ip;
      if (ip?.length === 4) v4 ??= ip;
    }
    try {
      if (v4 !== undefined) enableLocalnetRouting(v4);
    } catch (error) {
      throw new CniError(
        CniErrorCode.Internal,
        `unable to enable route_localnet: ${goErrorText(error)}`,
        { cause: error },
      );
    }
  }
}
