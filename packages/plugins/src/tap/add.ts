import {
  configureInterface,
  deleteLinkIfPresent,
  goErrorText,
  ipamAdd,
  ipamDel,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  setLinkUp,
  withUndo,
  writeSysctl,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type TapCniArg, type TapConfig } from './config.ts';
import { findBridge, makeTap } from './make-tap.ts';
import { tapSettings } from './settings.ts';

const IPAM = { resolve: resolveIpamPlugin };

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

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
  return await withUndo(
    async (undo) => {
      const link = makeTap(netns, sock, ifName, settings, bridge);
      undo.defer(`delete ${ifName}`, () => deleteLinkIfPresent(sock, { index: link.index }));
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [
          {
            name: link.name,
            ...(link.mac === undefined ? {} : { mac: link.mac }),
            sandbox: ctx.netns,
          },
        ],
        dns: config.dns ?? {},
      };
      const type = ipamType(config);
      if (type === '') {
        setLinkUp(sock, link.index);
        return result;
      }
      const ipam = await ipamAdd(ctx, type, IPAM);
      undo.defer('IPAM DEL', () => ipamDel(ctx, type, IPAM));
      const ips = ipam.ips ?? [];
      if (ips.length === 0) fail('IPAM plugin returned missing IP config');
      const full: Result100 = {
        ...result,
        ips: ips.map((ipc) => ({ ...ipc, interface: 0 })),
        ...(ipam.routes === undefined ? {} : { routes: ipam.routes }),
      };
      try {
        writeSysctl(`net/ipv4/conf/${ifName}/arp_notify`, '1', { netns });
      } catch (error) {
        fail(`failed to set net.ipv4.conf.${ifName}.arp_notify: ${goErrorText(error)}`, error);
      }
      configureInterface({ netns, ifName, result: full, sock });
      return full;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
