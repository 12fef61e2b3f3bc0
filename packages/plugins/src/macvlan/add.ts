import {
  addLinkPlugin,
  type ChildLinkSockets,
  createContainerLink,
  enableAddressChangeNotify,
  type Link,
  openChildLinkSockets,
  optionalIpam,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import type { Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';
import { type MacvlanSettings, macvlanSettings } from './settings.ts';

function makeMacvlan(ifName: string, settings: MacvlanSettings, sockets: ChildLinkSockets): Link {
  return createContainerLink({
    ...sockets,
    ifName,
    what: 'macvlan',
    spec: {
      kind: 'macvlan',
      parent: settings.master.index,
      mode: settings.mode,
      // txqlen 0, as the Go plugin's macvlan has (its netlink library sends the zero value).
      txqlen: 0,
      ...(settings.mtu > 0 ? { mtu: settings.mtu } : {}),
      ...(settings.mac === undefined ? {} : { mac: settings.mac }),
      ...(settings.bcQueueLen === undefined ? {} : { bcQueueLen: settings.bcQueueLen }),
    },
  });
}

/**
 * macvlan ADD: the master (configured, or the default route's link) and the settings are
 * checked first; the macvlan is made straight into the container (or inside it with
 * `linkInContainer`) under a temporary name and renamed CNI_IFNAME. With an IPAM plugin,
 * its addresses and routes are applied (arp_notify/ndisc_notify set); without one the
 * link is only brought up (L2). The result's `dns` is the config's, as upstream. A failure
 * deletes the link and releases the IPAM reservation.
 */
export async function addMacvlan(
  ctx: PluginContext<MacvlanConfig, MacvlanCniArg>,
): Promise<Result100> {
  const { config, ifName } = ctx;
  using sockets = openChildLinkSockets(ctx.netns, config.linkInContainer === true);
  const settings = macvlanSettings(sockets.parentSock, config, ctx.cniArgs);
  return await addLinkPlugin({
    ctx,
    container: sockets,
    makeLink: () => makeMacvlan(ifName, settings, sockets),
    addresses: optionalIpam(ipamType(config), { resolve: resolveIpamPlugin }),
    dns: config.dns ?? {},
    beforeConfigure: (ips) => enableAddressChangeNotify(sockets.containerNetns, ifName, ips),
  });
}
