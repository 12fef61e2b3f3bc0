import {
  type GcContext,
  gcIpMasq,
  getLink,
  ipamGc,
  isNotFound,
  type NetlinkRequester,
  NftBatch,
  openRouteSocket,
  retryOnNewGeneration,
} from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';
import { bridgeSettings } from './settings.ts';
import {
  addSpoofCheckTeardown,
  listSpoofCheck,
  spoofCheckId,
  spoofCheckJumps,
  withSpoofCheckSocket,
} from './spoof-check.ts';

/** The index of the link named `name` in the host namespace, or undefined. */
function indexOf(sock: NetlinkRequester, name: string): number | undefined {
  try {
    return getLink(sock, { name }).index;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Removes spoof checks of attachments that are not valid. The chains carry no network
 * name, so a jump is this network's to remove only when its host veth is a port of this
 * network's bridge, or is gone altogether (then it is stale whoever made it).
 */
function gcSpoofChecks(bridge: string, valid: ReadonlySet<string>): void {
  using sock = openRouteSocket();
  const bridgeIndex = indexOf(sock, bridge);
  withSpoofCheckSocket({}, (nft) =>
    retryOnNewGeneration(nft, (genId) => {
      const listing = listSpoofCheck(nft);
      const batch = new NftBatch();
      for (const jump of spoofCheckJumps(listing)) {
        if (valid.has(jump.id)) continue;
        let port: { master?: number } | undefined;
        try {
          port = getLink(sock, { name: jump.hostIfName });
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        const stale =
          port === undefined || (bridgeIndex !== undefined && port.master === bridgeIndex);
        if (stale) addSpoofCheckTeardown(batch, listing, jump.id);
      }
      nft.commit(batch, { genId });
    }),
  );
}

/**
 * GC (upstream's bridge has none): removes the masquerade rules of this network whose
 * attachment is not among the valid ones (both backends), the spoof checks of such
 * attachments on this bridge, and runs the IPAM plugin's GC (which gets the same config,
 * valid attachments included).
 */
export async function gcBridge(ctx: GcContext<BridgeConfig, BridgeCniArg>): Promise<void> {
  const settings = bridgeSettings(ctx.config, ctx.cniArgs);
  const validAttachments = ctx.validAttachments.map((attachment) => ({
    containerId: attachment.containerID,
    ifName: attachment.ifname,
  }));
  gcIpMasq({ network: settings.network, validAttachments });
  if (settings.macspoofchk) {
    const valid = new Set(validAttachments.map((a) => spoofCheckId(a.containerId, a.ifName)));
    gcSpoofChecks(settings.bridge, valid);
  }
  if (settings.ipamType !== undefined) {
    await ipamGc(ctx, settings.ipamType, { resolve: resolveIpamPlugin });
  }
}
