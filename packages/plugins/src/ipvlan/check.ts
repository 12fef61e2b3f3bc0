import {
  checkContainerLink,
  findMasterLink,
  ipamCheck,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type IpvlanConfig, ipamType } from './config.ts';
import { ipvlanMode } from './settings.ts';

/**
 * ipvlan CHECK: a configured master exists, the IPAM plugin's CHECK (with an IPAM type), a
 * prevResult is required, and in the container the interface it names is an ipvlan of the
 * configured mode with its MAC, its addresses and the result's routes.
 */
export async function checkIpvlan(ctx: PluginContext<IpvlanConfig>): Promise<void> {
  const { config } = ctx;
  const mode = ipvlanMode(config);
  using netns = openContainerNetns(ctx.netns);
  if (config.master !== undefined && config.master !== '') {
    using parentSock =
      config.linkInContainer === true ? openRouteSocket({ netns }) : openRouteSocket();
    findMasterLink(parentSock, config.master);
  }
  const type = ipamType(config);
  if (type !== '') await ipamCheck(ctx, type, { resolve: resolveIpamPlugin });
  checkContainerLink(netns, ctx.netns, ctx.prevResult, {
    kind: 'ipvlan',
    check(link) {
      const actual =
        (link.kindData?.kind === 'ipvlan' ? link.kindData.mode : undefined) ?? 'unknown';
      if (actual !== mode) {
        throw new CniError(
          CniErrorCode.Internal,
          `Container IPVlan mode ${actual} does not match expected value: ${mode}`,
        );
      }
    },
  });
}
