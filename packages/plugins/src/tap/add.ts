import {
  addLinkPlugin,
  goErrorText,
  openContainerNetns,
  openRouteSocket,
  optionalIpam,
  type PluginContext,
  writeSysctl,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type TapCniArg, type TapConfig } from './config.ts';
import { findBridge, makeTap } from './make-tap.ts';
import { tapSettings } from './settings.ts';

/**
 * tap ADD: the settings and the bridge (in the container) are checked first; a persistent
 * tap is made in the container and renamed CNI_IFNAME (see makeTap). With an IPAM plugin
 * its addresses and routes go on it (`arp_notify=1`), else it is only brought up. The
 * result's interfaces are the tap, its `dns` the config's. A failure deletes the tap and
 * releases the IPAM reservation.
 */
export async function addTap(ctx: PluginContext<TapConfig, TapCniArg>): Promise<Result100> {
  const { config, ifName } = ctx;
  const settings = tapSettings(config, ctx.cniArgs);
  using netns = openContainerNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  const bridge = settings.bridge === undefined ? undefined : findBridge(sock, settings.bridge);
  return await addLinkPlugin({
    ctx,
    container: { containerNetns: netns, containerSock: sock },
    makeLink: () => makeTap(netns, sock, ifName, settings, bridge),
    addresses: optionalIpam(ipamType(config), { resolve: resolveIpamPlugin }),
    dns: config.dns ?? {},
    beforeConfigure: () => {
      try {
        writeSysctl(`net/ipv4/conf/${ifName}/arp_notify`, '1', { netns });
      } catch (error) {
        throw new CniError(
          CniErrorCode.Internal,
          `failed to set net.ipv4.conf.${ifName}.arp_notify: ${goErrorText(error)}`,
          { cause: error },
        );
      }
    },
  });
}
