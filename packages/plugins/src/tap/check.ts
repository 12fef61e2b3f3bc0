import {
  ipamCheck,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  validateExpectedInterfaceIps,
  validateExpectedRoute,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type TapCniArg, type TapConfig } from './config.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * tap CHECK, as upstream: the IPAM plugin's CHECK (with an IPAM type), a prevResult is
 * required, and the container has its addresses on CNI_IFNAME and its routes.
 */
export async function checkTap(ctx: PluginContext<TapConfig, TapCniArg>): Promise<void> {
  using netns = openContainerNetns(ctx.netns);
  const type = ipamType(ctx.config);
  if (type !== '') await ipamCheck(ctx, type, { resolve: resolveIpamPlugin });
  const prev = ctx.prevResult;
  if (prev === undefined) fail('Required prevResult missing');
  using sock = openRouteSocket({ netns });
  validateExpectedInterfaceIps(sock, ctx.ifName, prev.ips ?? []);
  validateExpectedRoute(sock, prev.routes ?? []);
}
