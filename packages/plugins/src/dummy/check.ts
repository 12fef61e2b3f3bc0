import {
  assertResultMac,
  findContainerLink,
  IFF,
  ipamCheck,
  type Link,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  validateExpectedInterfaceIps,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Interface100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type DummyConfig, ipamType } from './config.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The link must be a dummy, up, with the result's MAC. */
function validateLink(link: Link, intf: Interface100): void {
  if (link.kind !== 'dummy') fail(`Container interface ${intf.name} not of type dummy`);
  assertResultMac(intf, link.mac);
  if ((link.flags & IFF.UP) === 0) fail(`Interface ${intf.name} is down`);
}

/**
 * dummy CHECK, as upstream: the IPAM plugin's CHECK, a prevResult is required, the
 * interface it names in CNI_NETNS is a dummy, up, with its MAC and its addresses (routes
 * are not checked).
 */
export async function checkDummy(ctx: PluginContext<DummyConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type === '') fail('dummy interface requires an IPAM configuration');
  using netns = openContainerNetns(ctx.netns);
  await ipamCheck(ctx, type, { resolve: resolveIpamPlugin });
  using sock = openRouteSocket({ netns });
  const { intf, link } = findContainerLink(sock, ctx.netns, ctx.prevResult);
  validateLink(link, intf);
  validateExpectedInterfaceIps(sock, intf.name, ctx.prevResult?.ips ?? []);
}
