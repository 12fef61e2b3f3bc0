import {
  deleteLinkCollectingAddresses,
  ipamDel,
  mapItems,
  type PluginContext,
  uniqueItems,
} from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { loadMasquerade } from '../masquerade-loader.ts';
import { ipamType, type PtpConfig } from './config.ts';

/**
 * ptp DEL: the IPAM plugin first (so the addresses are released even when the container is
 * gone), then the container's veth (the host end goes with it), remembering its
 * addresses; a missing netns, link or CNI_NETNS is success. With `ipMasq` the masquerade
 * rules are removed by network and container id, whatever is known of the addresses (the
 * link's, prevResult's, or none): unlike upstream they do not leak when the namespace
 * went first (containernetworking/plugins#810).
 */
export async function delPtp(ctx: PluginContext<PtpConfig>): Promise<void> {
  const { config } = ctx;
  await ipamDel(ctx, ipamType(config), { resolve: resolveIpamPlugin });
  const known = mapItems(ctx.prevResult?.ips ?? [], (ipc) => ipc.address);
  // The masquerade teardown (iptables processes) starts once the link's addresses are
  // known and runs while the kernel deletes the veth.
  let teardown: Promise<void> | undefined;
  const masq = config.ipMasq === true ? await loadMasquerade() : undefined;
  const startTeardown = (found: readonly string[]): void => {
    if (masq === undefined) return;
    teardown = masq.startIpMasqTeardown({
      network: config.name,
      containerId: ctx.containerId,
      ifName: ctx.ifName,
      addresses: uniqueItems([...found, ...known]),
    });
    teardown.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
  };
  try {
    if (ctx.netns !== '') {
      deleteLinkCollectingAddresses(ctx.netns, ctx.ifName, {
        ...(config.ipMasq === true ? { beforeDelete: startTeardown } : {}),
      });
    }
  } catch (error) {
    await teardown?.catch(() => undefined); // its processes finish before DEL reports
    throw error;
  }
  if (config.ipMasq === true && teardown === undefined) startTeardown([]);
  await teardown;
}
