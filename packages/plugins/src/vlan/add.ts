import {
  configureInterface,
  createContainerLink,
  deleteLinkIfPresent,
  goErrorText,
  ipamAdd,
  ipamDel,
  type Link,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import type { VlanConfig } from './config.ts';
import { vlanLinkSpec } from './link-spec.ts';
import { vlanSettings } from './settings.ts';

const IPAM = { resolve: resolveIpamPlugin };

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

/**
 * vlan ADD: the config (master, VLAN ID 1…4094, IPAM type) and the master's MTU are checked
 * first; the 802.1Q link is made straight into the container (or inside it with
 * `linkInContainer`) under a temporary name and renamed CNI_IFNAME; the IPAM plugin's
 * addresses and routes go on it. The result's interfaces are just the vlan and its `dns`
 * is the config's, as upstream. A failure deletes the link and releases the reservation.
 */
export async function addVlan(ctx: PluginContext<VlanConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  using netns = openContainerNetns(ctx.netns);
  using containerSock = openRouteSocket({ netns });
  using hostSock = openRouteSocket();
  const parentSock = config.linkInContainer === true ? containerSock : hostSock;
  const settings = vlanSettings(parentSock, config);
  return await withUndo(
    async (undo) => {
      const link: Link = createContainerLink({
        parentSock,
        containerNetns: netns,
        containerSock,
        inContainer: config.linkInContainer === true,
        ifName,
        what: 'vlan',
        spec: vlanLinkSpec(settings),
      });
      undo.defer(`delete ${ifName}`, () =>
        deleteLinkIfPresent(containerSock, { index: link.index }),
      );
      const type = settings.ipamType;
      const base = await ipamAdd(ctx, type, IPAM);
      undo.defer('IPAM DEL', () => ipamDel(ctx, type, IPAM));
      if ((base.ips ?? []).length === 0) fail('IPAM plugin returned missing IP config');
      const ips = (base.ips ?? []).map((ipc) => ({ ...ipc, interface: 0 }));
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [
          {
            name: link.name,
            ...(link.mac === undefined ? {} : { mac: link.mac }),
            sandbox: ctx.netns,
          },
        ],
        ips,
        ...(base.routes === undefined ? {} : { routes: base.routes }),
        dns: config.dns ?? {},
      };
      configureInterface({ netns, ifName, result, sock: containerSock });
      return result;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
