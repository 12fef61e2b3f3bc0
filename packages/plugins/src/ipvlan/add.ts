import {
  configureInterface,
  createContainerLink,
  deleteLinkIfPresent,
  enableAddressChangeNotify,
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
import { type IpvlanConfig, ipamType } from './config.ts';
import { ipvlanLinkSpec } from './link-spec.ts';
import { ipvlanSettings } from './settings.ts';

const IPAM = { resolve: resolveIpamPlugin };

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

/**
 * Where the addresses come from: chained without an IPAM type, the previous result when it
 * has IPs; else the IPAM plugin. Refused before anything is made when there is neither.
 */
function addressSource(ctx: PluginContext<IpvlanConfig>): 'prev' | 'ipam' {
  if (ipamType(ctx.config) !== '') return 'ipam';
  if ((ctx.prevResult?.ips ?? []).length > 0) return 'prev';
  fail('ipvlan needs an IPAM plugin ("ipam": {"type": …}), or a prevResult with IPs when chained');
}

/**
 * ipvlan ADD: the master (configured, chained the previous result's only interface, else
 * the default route's link), mode and MTU are checked first; the ipvlan is made straight
 * into the container (or inside it with `linkInContainer`) under a temporary name and
 * renamed CNI_IFNAME. Its addresses come from the IPAM plugin or, chained without one,
 * from the previous result; the result's interfaces are just the ipvlan and its `dns` is
 * the config's, as upstream. Unlike upstream, a failure deletes the link again and releases
 * the IPAM reservation.
 */
export async function addIpvlan(ctx: PluginContext<IpvlanConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  const source = addressSource(ctx);
  using netns = openContainerNetns(ctx.netns);
  using containerSock = openRouteSocket({ netns });
  using hostSock = openRouteSocket();
  const parentSock = config.linkInContainer === true ? containerSock : hostSock;
  const settings = ipvlanSettings(parentSock, config, ctx.prevResult);
  return await withUndo(
    async (undo) => {
      const link: Link = createContainerLink({
        parentSock,
        containerNetns: netns,
        containerSock,
        inContainer: config.linkInContainer === true,
        ifName,
        what: 'ipvlan',
        spec: ipvlanLinkSpec(settings),
      });
      undo.defer(`delete ${ifName}`, () =>
        deleteLinkIfPresent(containerSock, { index: link.index }),
      );
      let base: Result100;
      if (source === 'ipam') {
        const type = ipamType(config);
        base = await ipamAdd(ctx, type, IPAM);
        undo.defer('IPAM DEL', () => ipamDel(ctx, type, IPAM));
        if ((base.ips ?? []).length === 0) fail('IPAM plugin returned missing IP config');
      } else {
        base = ctx.prevResult ?? { cniVersion: '1.1.0' };
      }
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
      enableAddressChangeNotify(netns, ifName, ips);
      configureInterface({ netns, ifName, result, sock: containerSock });
      return result;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
