import {
  findMasterLink,
  getLink,
  ipamCheck,
  type Link,
  type NetlinkRequester,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  validateExpectedInterfaceIps,
  validateExpectedRoute,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Interface100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type IpvlanConfig, ipamType } from './config.ts';
import { ipvlanMode } from './settings.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The link must be an ipvlan of the configured mode with the result's MAC. */
function validateContainerLink(sock: NetlinkRequester, intf: Interface100, mode: string): void {
  let link: Link;
  try {
    link = getLink(sock, { name: intf.name });
  } catch {
    fail(`Container Interface name in prevResult: ${intf.name} not found`);
  }
  if (link.kind !== 'ipvlan' || link.kindData?.kind !== 'ipvlan') {
    fail(`Container interface ${intf.name} not of type ipvlan`);
  }
  const actual = link.kindData.mode ?? 'unknown';
  if (actual !== mode)
    fail(`Container IPVlan mode ${actual} does not match expected value: ${mode}`);
  const mac = link.mac ?? '';
  if (intf.mac !== undefined && intf.mac !== '' && intf.mac.toLowerCase() !== mac) {
    fail(`Interface ${intf.name} Mac ${intf.mac} doesn't match container Mac: ${mac}`);
  }
}

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
  const prev = ctx.prevResult;
  if (prev === undefined) fail('Required prevResult missing');
  const intf = (prev.interfaces ?? []).find((candidate) => candidate.sandbox === ctx.netns);
  if (intf === undefined)
    fail(`Sandbox in prevResult doesn't match configured netns: ${ctx.netns}`);
  using sock = openRouteSocket({ netns });
  validateContainerLink(sock, intf, mode);
  validateExpectedInterfaceIps(sock, intf.name, prev.ips ?? []);
  validateExpectedRoute(sock, prev.routes ?? []);
}
