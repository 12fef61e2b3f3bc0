import {
  configureInterface,
  createContainerLink,
  deleteLinkIfPresent,
  goErrorText,
  ipamAdd,
  ipamDel,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type DummyConfig, ipamType } from './config.ts';
import { dummyLinkSpec } from './link-spec.ts';

const IPAM = { resolve: resolveIpamPlugin };

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The config's checks, before anything is made: an IPAM type, an MTU that is not negative. */
export function checkDummyConfig(config: DummyConfig): string {
  const type = ipamType(config);
  if (type === '') fail('dummy interface requires an IPAM configuration');
  const mtu = config.mtu ?? 0;
  if (mtu < 0) fail(`invalid MTU ${mtu}, must be 0 or more`);
  return type;
}

/**
 * dummy ADD: a dummy link made inside the container (`ip link add TMP [mtu N] type dummy`,
 * renamed CNI_IFNAME), the IPAM plugin's addresses and routes on it (configureInterface
 * brings it up). The result carries the IPAM plugin's routes and DNS. A failure deletes
 * the link and releases the IPAM reservation.
 */
export async function addDummy(ctx: PluginContext<DummyConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  const type = checkDummyConfig(config);
  using netns = openContainerNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  return await withUndo(
    async (undo) => {
      const link = createContainerLink({
        parentSock: sock,
        containerNetns: netns,
        containerSock: sock,
        inContainer: true,
        ifName,
        what: 'dummy',
        spec: dummyLinkSpec(config),
      });
      undo.defer(`delete ${ifName}`, () => deleteLinkIfPresent(sock, { index: link.index }));
      const ipam = await ipamAdd(ctx, type, IPAM);
      undo.defer('IPAM DEL', () => ipamDel(ctx, type, IPAM));
      const ips = ipam.ips ?? [];
      if (ips.length === 0) fail('IPAM plugin returned missing IP config');
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [
          {
            name: link.name,
            ...(link.mac === undefined ? {} : { mac: link.mac }),
            sandbox: ctx.netns,
          },
        ],
        ips: ips.map((ipc) => ({ ...ipc, interface: 0 })),
        ...(ipam.routes === undefined ? {} : { routes: ipam.routes }),
        ...(ipam.dns === undefined ? {} : { dns: ipam.dns }),
      };
      configureInterface({ netns, ifName, result, sock });
      return result;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
