import {
  addLinkPlugin,
  createContainerLink,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type DummyConfig, ipamType } from './config.ts';
import { dummyLinkSpec } from './link-spec.ts';

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
  return await addLinkPlugin({
    ctx,
    container: { containerNetns: netns, containerSock: sock },
    makeLink: () =>
      createContainerLink({
        parentSock: sock,
        containerNetns: netns,
        containerSock: sock,
        inContainer: true,
        ifName,
        what: 'dummy',
        spec: dummyLinkSpec(config),
      }),
    addresses: { from: 'ipam', type, options: { resolve: resolveIpamPlugin } },
    dns: 'ipam',
  });
}
