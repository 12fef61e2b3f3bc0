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
import type { VlanConfig } from './config.ts';
import { checkVlanConfig } from './settings.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The link must be a vlan with the configured ID (and MTU, when set) and the result's MAC. */
function validateContainerLink(
  sock: NetlinkRequester,
  intf: Interface100,
  vlanId: number,
  mtu: number,
): void {
  let link: Link;
  try {
    link = getLink(sock, { name: intf.name });
  } catch {
    fail(`Container Interface name in prevResult: ${intf.name} not found`);
  }
  if (link.kind !== 'vlan' || link.kindData?.kind !== 'vlan') {
    fail(`Container interface ${intf.name} not of type vlan`);
  }
  const actual = link.kindData.id ?? 0;
  if (actual !== vlanId) {
    fail(`Error: Container ${intf.name} VLAN ID ${actual} does not match expected value ${vlanId}`);
  }
  if (mtu > 0 && link.mtu !== mtu) {
    fail(`Error: Container ${intf.name} MTU ${link.mtu} does not match expected value ${mtu}`);
  }
  const mac = link.mac ?? '';
  if (intf.mac !== undefined && intf.mac !== '' && intf.mac.toLowerCase() !== mac) {
    fail(`Interface ${intf.name} Mac ${intf.mac} doesn't match container Mac: ${mac}`);
  }
}

/**
 * vlan CHECK, as upstream: the master exists, the IPAM plugin's CHECK, a prevResult is
 * required, and in the container the interface it names is a vlan with the configured
 * ID, MTU (when set) and its MAC, its addresses and the result's routes.
 */
export async function checkVlan(ctx: PluginContext<VlanConfig>): Promise<void> {
  const { config } = ctx;
  const vlanId = checkVlanConfig(config);
  using netns = openContainerNetns(ctx.netns);
  {
    using parentSock =
      config.linkInContainer === true ? openRouteSocket({ netns }) : openRouteSocket();
    findMasterLink(parentSock, config.master);
  }
  await ipamCheck(ctx, config.ipam?.type ?? '', { resolve: resolveIpamPlugin });
  const prev = ctx.prevResult;
  if (prev === undefined) fail('Required prevResult missing');
  const intf = (prev.interfaces ?? []).find((candidate) => candidate.sandbox === ctx.netns);
  if (intf === undefined)
    fail(`Sandbox in prevResult doesn't match configured netns: ${ctx.netns}`);
  using sock = openRouteSocket({ netns });
  validateContainerLink(sock, intf, vlanId, config.mtu ?? 0);
  validateExpectedInterfaceIps(sock, intf.name, prev.ips ?? []);
  validateExpectedRoute(sock, prev.routes ?? []);
}
