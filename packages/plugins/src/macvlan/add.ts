import {
  configureInterface,
  createContainerLink,
  deleteLinkIfPresent,
  enableAddressChangeNotify,
  goErrorText,
  ipamAdd,
  ipamDel,
  type Link,
  type NetlinkRequester,
  type Netns,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  setLinkUp,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Interface100, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';
import { type MacvlanSettings, macvlanSettings } from './settings.ts';

const IPAM = { resolve: resolveIpamPlugin };

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

function interfaceOf(link: Link, sandbox: string): Interface100 {
  return { name: link.name, ...(link.mac === undefined ? {} : { mac: link.mac }), sandbox };
}

function makeMacvlan(
  ctx: PluginContext<MacvlanConfig, MacvlanCniArg>,
  settings: MacvlanSettings,
  socks: { parent: NetlinkRequester; container: NetlinkRequester; netns: Netns },
): Link {
  return createContainerLink({
    parentSock: socks.parent,
    containerNetns: socks.netns,
    containerSock: socks.container,
    inContainer: ctx.config.linkInContainer === true,
    ifName: ctx.ifName,
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
  using netns = openContainerNetns(ctx.netns);
  using containerSock = openRouteSocket({ netns });
  using hostSock = openRouteSocket();
  const parentSock = config.linkInContainer === true ? containerSock : hostSock;
  const settings = macvlanSettings(parentSock, config, ctx.cniArgs);
  return await withUndo(
    async (undo) => {
      const link = makeMacvlan(ctx, settings, {
        parent: parentSock,
        container: containerSock,
        netns,
      });
      undo.defer(`delete ${ifName}`, () =>
        deleteLinkIfPresent(containerSock, { index: link.index }),
      );
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [interfaceOf(link, ctx.netns)],
        dns: config.dns ?? {},
      };
      const type = ipamType(config);
      if (type === '') {
        setLinkUp(containerSock, link.index);
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
      enableAddressChangeNotify(netns, ifName, full.ips ?? []);
      configureInterface({ netns, ifName, result: full, sock: containerSock });
      return full;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
