import {
  configureInterface,
  type IpMasqBackend,
  ipamAdd,
  ipamDel,
  type Link,
  mapItems,
  type NetlinkRequester,
  type Netns,
  type PluginContext,
  type UndoStack,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type IpConfig100, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import type { Masquerade } from '../masquerade-loader.ts';
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
  /** The container end's index, as read when the veth was made. */
  readonly containerIndex: number;
  /**
   * With ipMasq: the masquerade module, loaded when ADD began, and its backend, whose probe
   * started then.
   */
  readonly masq?:
    | { readonly module: Masquerade; readonly backend: Promise<IpMasqBackend> }
    | undefined;
}

/** What addLayer3 leaves running: the masquerade setup, to await before ADD returns. */
export interface Layer3Pending {
  readonly masquerade: Promise<void> | undefined;
}

/**
 * Steps 6–9: IPAM, the container's addresses and routes, gateways, masquerade. The
 * masquerade's iptables processes start as soon as the addresses are known and run while
 * the addresses, routes and gateways are set up; the caller awaits them.
 */
export async function addLayer3(
  ctx: PluginContext<BridgeConfig, BridgeCniArg>,
  settings: BridgeSettings & { readonly ipamType: string },
  scope: AddScope,
  result: Result100,
  undo: UndoStack,
): Promise<Layer3Pending> {
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
  const { masq } = scope;
  const masquerade =
    masq && startMasquerade(masq.module, ctx, settings, plan.ips, await masq.backend, undo);
  setContainerSysctls(scope.netns, ctx.ifName, settings.enabledad);
  configureInterface({
    netns: scope.netns,
    ifName: ctx.ifName,
    result,
    sock: scope.containerSock,
    index: scope.containerIndex,
  });
  if (settings.isGateway) {
    const vlanGateway = applyBridgeGateways(scope.sock, {
      bridge: scope.bridge,
      addresses: plan.bridgeAddresses,
      settings,
      hostNetns: scope.hostNetns,
    });
    if (vlanGateway !== undefined) result.interfaces?.push(vlanGateway);
  }
  return { masquerade };
}

/** Starts the masquerade for the container's addresses, with its undo. */
function startMasquerade(
  masq: Masquerade,
  ctx: PluginContext<BridgeConfig, BridgeCniArg>,
  settings: BridgeSettings,
  ips: readonly IpConfig100[],
  backend: IpMasqBackend,
  undo: UndoStack,
): Promise<void> {
  const target = {
    network: settings.network,
    containerId: ctx.containerId,
    ifName: ctx.ifName,
    addresses: mapItems(ips, (ipc) => ipc.address),
  };
  const setup = masq.startIpMasqSetup({ ...target, backend });
  const settled = setup.catch(() => undefined); // handled here; ADD awaits `setup` itself
  undo.defer('masquerade teardown', async () => {
    await settled;
    masq.teardownIpMasq({ ...target, backend });
  });
  return setup;
}
