import {
  configureInterface,
  ipamAdd,
  ipamDel,
  type Link,
  type NetlinkRequester,
  type Netns,
  type PluginContext,
  selectIpMasqBackend,
  setupIpMasq,
  teardownIpMasq,
  type UndoStack,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { applyBridgeGateways } from './bridge-gateway.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';
import { setContainerSysctls } from './container-side.ts';
import { planGateways } from './gateways.ts';
import type { BridgeSettings } from './settings.ts';

/** Where ADD acts: the container and host namespaces and a route socket in each. */
export interface AddScope {
  readonly netns: Netns;
  readonly hostNetns: Netns;
  readonly sock: NetlinkRequester;
  readonly containerSock: NetlinkRequester;
  readonly bridge: Link;
}

/** Steps 6–9: IPAM, the container's addresses and routes, gateways, masquerade. */
export async function addLayer3(
  ctx: PluginContext<BridgeConfig, BridgeCniArg>,
  settings: BridgeSettings & { readonly ipamType: string },
  scope: AddScope,
  result: Result100,
  undo: UndoStack,
): Promise<void> {
  const ipamOptions = { resolve: resolveIpamPlugin };
  const ipam = await ipamAdd(ctx, settings.ipamType, ipamOptions);
  undo.defer(`IPAM DEL (${settings.ipamType})`, () => ipamDel(ctx, settings.ipamType, ipamOptions));
  if ((ipam.ips ?? []).length === 0) {
    throw new CniError(CniErrorCode.Internal, 'IPAM plugin returned missing IP config');
  }
  const plan = planGateways(ipam.ips ?? [], ipam.routes ?? [], settings);
  result.ips = plan.ips;
  result.routes = plan.routes;
  if (ipam.dns !== undefined) result.dns = ipam.dns;
  setContainerSysctls(scope.netns, ctx.ifName, settings.enabledad);
  configureInterface({ netns: scope.netns, ifName: ctx.ifName, result, sock: scope.containerSock });
  if (settings.isGateway) {
    const vlanGateway = applyBridgeGateways(scope.sock, {
      bridge: scope.bridge,
      addresses: plan.bridgeAddresses,
      settings,
      hostNetns: scope.hostNetns,
    });
    if (vlanGateway !== undefined) result.interfaces?.push(vlanGateway);
  }
  if (settings.ipMasq) {
    const target = {
      network: settings.network,
      containerId: ctx.containerId,
      ifName: ctx.ifName,
      addresses: plan.ips.map((ipc) => ipc.address),
    };
    const backend = selectIpMasqBackend(settings.ipMasqBackend);
    undo.defer('masquerade teardown', () => teardownIpMasq({ ...target, backend }));
    setupIpMasq({ ...target, backend });
  }
}
