import {
  addLinkPlugin,
  createContainerLink,
  openChildLinkSockets,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import type { Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import type { VlanConfig } from './config.ts';
import { vlanLinkSpec } from './link-spec.ts';
import { vlanSettings } from './settings.ts';

/**
 * vlan ADD: the config (master, VLAN ID 1…4094, IPAM type) and the master's MTU are checked
 * first; the 802.1Q link is made straight into the container (or inside it with
 * `linkInContainer`) under a temporary name and renamed CNI_IFNAME; the IPAM plugin's
 * addresses and routes go on it. The result's interfaces are just the vlan and its `dns`
 * is the config's, as upstream. A failure deletes the link and releases the reservation.
 */
export async function addVlan(ctx: PluginContext<VlanConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  using sockets = openChildLinkSockets(ctx.netns, config.linkInContainer === true);
  const settings = vlanSettings(sockets.parentSock, config);
  return await addLinkPlugin({
    ctx,
    container: sockets,
    makeLink: () =>
      createContainerLink({ ...sockets, ifName, what: 'vlan', spec: vlanLinkSpec(settings) }),
    addresses: { from: 'ipam', type: settings.ipamType, options: { resolve: resolveIpamPlugin } },
    dns: config.dns ?? {},
  });
}
