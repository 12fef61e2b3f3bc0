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
import {
  checkBridgeInterface,
  checkContainerInterface,
  checkHostVeth,
  type FoundInterface,
} from './check-interfaces.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';
import { bridgeSettings } from './settings.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * CHECK, as upstream: the IPAM plugin's CHECK (only when `ipam.type` is set; upstream runs
 * it even for L2 and fails), a prevResult is required, the bridge, the container veth and
 * its host peer on the bridge are as the prevResult says, and every prevResult address and
 * route is in the container. Failures carry upstream's texts, e.g. `Failed to match addr
 * 10.244.50.4/24 on interface eth0`.
 */
export async function checkBridge(ctx: PluginContext<BridgeConfig, BridgeCniArg>): Promise<void> {
  const settings = bridgeSettings(ctx.config, ctx.cniArgs);
  using owned = openContainerNetns(ctx.netns);
  if (settings.ipamType !== undefined) {
    await ipamCheck(ctx, settings.ipamType, { resolve: resolveIpamPlugin });
  }
  const result = ctx.prevResult;
  if (result === undefined) fail('Required prevResult missing');
  const interfaces = result.interfaces ?? [];
  const bridgeIntf = interfaces.findLast((intf) => intf.name === settings.bridge);
  const containerIntf = interfaces.findLast(
    (intf) =>
      intf.name !== settings.bridge && intf.name === ctx.ifName && intf.sandbox === ctx.netns,
  );
  using hostSock = openRouteSocket();
  using containerSock = openRouteSocket({ netns: owned });
  const bridge = checkBridgeInterface(hostSock, bridgeIntf, settings.promiscMode);
  if (ctx.netns !== (containerIntf?.sandbox ?? '')) {
    fail(
      `Sandbox in prevResult ${containerIntf?.sandbox ?? ''} doesn't match configured netns: ${ctx.netns}`,
    );
  }
  const container = checkContainerInterface(containerSock, containerIntf);
  let veth: FoundInterface | undefined;
  for (const intf of interfaces) {
    if (intf.name === (bridgeIntf?.name ?? '') || intf.name === (containerIntf?.name ?? '')) {
      continue;
    }
    veth = checkHostVeth(hostSock, intf, bridge, container);
    if (veth !== undefined) break;
  }
  if (veth === undefined) fail(`CNI veth created for bridge ${settings.bridge} was not found`);
  validateExpectedInterfaceIps(containerSock, ctx.ifName, result.ips ?? []);
  validateExpectedRoute(containerSock, result.routes ?? []);
}
