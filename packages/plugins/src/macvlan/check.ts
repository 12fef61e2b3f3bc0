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
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';
import { macvlanMode } from './settings.ts';

/**
 * macvlan CHECK, as upstream: the master exists, the IPAM plugin's CHECK (with an IPAM
 * type), a prevResult is required, and in the container the interface it names is a
 * macvlan of the configured mode with its MAC, its addresses and the result's routes.
 */
export async function checkMacvlan(
  ctx: PluginContext<MacvlanConfig, MacvlanCniArg>,
): Promise<void> {
  const { config } = ctx;
  const mode = macvlanMode(config);
  using netns = openContainerNetns(ctx.netns);
  {
    using parentSock =
      config.linkInContainer === true ? openRouteSocket({ netns }) : openRouteSocket();
    findMasterLink(parentSock, config.master);
  }
  const type = ipamType(config);
  if (type !== '') await ipamCheck(ctx, type, { resolve: resolveIpamPlugin });
  checkContainerLink(netns, ctx.netns, ctx.prevResult, {
    kind: 'macvlan',
    check(link) {
      const actual =
        (link.kindData?.kind === 'macvlan' ? link.kindData.mode : undefined) ?? 'unknown';
      if (actual !== mode) {
        throw new CniError(
          CniErrorCode.Internal,
          `Container macvlan mode ${actual} does not match expected value: ${mode}`,
        );
      }
    },
  });
}
