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
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';
import { macvlanMode } from './settings.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The container interface of the previous result: the one whose sandbox is CNI_NETNS. */
function containerInterface(interfaces: readonly Interface100[], netns: string): Interface100 {
  const found = interfaces.find((intf) => intf.sandbox !== undefined && intf.sandbox === netns);
  if (found === undefined) fail(`Sandbox in prevResult doesn't match configured netns: ${netns}`);
  return found;
}

/** The link must be a macvlan of the configured mode with the result's MAC. */
function validateContainerLink(sock: NetlinkRequester, intf: Interface100, mode: string): void {
  let link: Link;
  try {
    link = getLink(sock, { name: intf.name });
  } catch {
    fail(`Container Interface name in prevResult: ${intf.name} not found`);
  }
  if (link.kind !== 'macvlan' || link.kindData?.kind !== 'macvlan') {
    fail(`Container interface ${intf.name} not of type macvlan`);
  }
  const actual = link.kindData.mode ?? 'unknown';
  if (actual !== mode) {
    fail(`Container macvlan mode ${actual} does not match expected value: ${mode}`);
  }
  const mac = link.mac ?? '';
  if (intf.mac !== undefined && intf.mac !== '' && intf.mac.toLowerCase() !== mac) {
    fail(`Interface ${intf.name} Mac ${intf.mac} doesn't match container Mac: ${mac}`);
  }
}

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
  const prev = ctx.prevResult;
  if (prev === undefined) fail('Required prevResult missing');
  const intf = containerInterface(prev.interfaces ?? [], ctx.netns);
  using sock = openRouteSocket({ netns });
  validateContainerLink(sock, intf, mode);
  validateExpectedInterfaceIps(sock, intf.name, prev.ips ?? []);
  validateExpectedRoute(sock, prev.routes ?? []);
}
