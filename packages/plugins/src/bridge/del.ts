import {
  deleteLinkCollectingAddresses,
  goErrorText,
  ipamDel,
  mapItems,
  type PluginContext,
  uniqueItems,
} from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { loadMasquerade } from '../masquerade-loader.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';
import { bridgeSettings } from './settings.ts';

/**
 * DEL. Deletes the container's interface (remembering its addresses), removes the spoof
 * check, the masquerade rules and the IPAM reservation. Every step tolerates what is
 * already gone, so DEL may run any number of times, with CNI_NETNS empty or naming a
 * namespace that no longer exists. Unlike upstream (issue #810) the masquerade rules are
 * removed in those cases too: they are found from the network name and container id (and
 * the prevResult's addresses when the runtime passes one), not from the interface.
 * The bridge and its addresses stay, as upstream.
 */
export async function delBridge(ctx: PluginContext<BridgeConfig, BridgeCniArg>): Promise<void> {
  const settings = bridgeSettings(ctx.config, ctx.cniArgs);
  const known = mapItems(ctx.prevResult?.ips ?? [], (ipc) => ipc.address);
  const masquerade = settings.ipamType !== undefined && settings.ipMasq;
  // The masquerade teardown (iptables processes) starts once the addresses are known and
  // runs while the kernel deletes the veth; it is awaited at the end.
  let teardown: Promise<void> | undefined;
  const masq = masquerade ? await loadMasquerade() : undefined;
  const startTeardown = (found: readonly string[]): void => {
    if (masq === undefined) return;
    teardown = masq.startIpMasqTeardown({
      network: settings.network,
      containerId: ctx.containerId,
      ifName: ctx.ifName,
      addresses: uniqueItems([...known, ...found]),
    });
    teardown.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
  };
  try {
    if (ctx.netns !== '') {
      deleteLinkCollectingAddresses(ctx.netns, ctx.ifName, {
        ...(masquerade ? { beforeDelete: startTeardown } : {}),
      });
    }
    if (masquerade && teardown === undefined) startTeardown([]);
    if (settings.macspoofchk) {
      const spoof = await import('./spoof-check.ts');
      try {
        spoof.teardownSpoofCheck(spoof.spoofCheckId(ctx.containerId, ctx.ifName));
      } catch (error) {
        // Upstream only reports a failed spoof-check teardown; DEL goes on.
        ctx.log.warn(`failed to teardown spoof-check: ${goErrorText(error)}`);
      }
    }
    if (settings.ipamType !== undefined) {
      await ipamDel(ctx, settings.ipamType, { resolve: resolveIpamPlugin });
    }
  } catch (error) {
    await teardown?.catch(() => undefined); // its processes finish before DEL reports
    throw error;
  }
  await teardown;
}
