import {
  assertResultMac,
  getLink,
  ipamCheck,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  validateExpectedInterfaceIps,
  validateExpectedRoute,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type HostDeviceConfig, ipamType } from './config.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * host-device CHECK, as upstream: the IPAM plugin's CHECK (with an IPAM type), a
 * prevResult is required, the interface it names in CNI_NETNS exists with its MAC, and the
 * container has the addresses and routes.
 */
export async function checkHostDevice(ctx: PluginContext<HostDeviceConfig>): Promise<void> {
  using netns = openContainerNetns(ctx.netns);
  const type = ipamType(ctx.config);
  if (type !== '') await ipamCheck(ctx, type, { resolve: resolveIpamPlugin });
  const prev = ctx.prevResult;
  if (prev === undefined) fail('Required prevResult missing');
  using sock = openRouteSocket({ netns });
  const intf = (prev.interfaces ?? []).find((candidate) => candidate.sandbox === ctx.netns);
  if (intf !== undefined) {
    let mac = '';
    try {
      mac = getLink(sock, { name: intf.name }).mac ?? '';
    } catch {
      fail(`Container Interface name in prevResult: ${intf.name} not found`);
    }
    assertResultMac(intf, mac);
  }
  validateExpectedInterfaceIps(sock, ctx.ifName, prev.ips ?? []);
  validateExpectedRoute(sock, prev.routes ?? []);
}
