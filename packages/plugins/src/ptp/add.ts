import {
  createVethPair,
  currentNetns,
  deleteLink,
  ensureIpForwardFor,
  goErrorText,
  type IpMasqBackend,
  ipamAdd,
  ipamDel,
  isNotFound,
  type Link,
  mapItems,
  type Netns,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  type UndoStack,
  type VethPair,
  withUndo,
} from '@cni-ts/plugin-kit';
import {
  CniError,
  CniErrorCode,
  type Dns,
  type Interface100,
  type IpConfig100,
  type Result100,
} from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { loadMasquerade, type Masquerade } from '../masquerade-loader.ts';
import { ipamType, type PtpConfig } from './config.ts';
import { configureContainerSide } from './container-side.ts';
import { configureHostSide } from './host-side.ts';

const IPAM = { resolve: resolveIpamPlugin };

/** The IPAM result's addresses, each of which needs a gateway: ptp routes everything through it. */
function addressesOf(ipam: Result100): IpConfig100[] {
  const ips = ipam.ips ?? [];
  if (ips.length === 0) {
    throw new CniError(CniErrorCode.Internal, 'IPAM plugin returned missing IP config');
  }
  let bare: (typeof ips)[number] | undefined;
  for (const ipc of ips) if (ipc.gateway === undefined) bare ??= ipc;
  if (bare !== undefined) {
    throw new CniError(
      CniErrorCode.Internal,
      `IPAM plugin returned ${bare.address} without a gateway; ptp routes through the gateway`,
    );
  }
  return ips;
}

/** True when the config's `dns` says anything, in which case it replaces the IPAM plugin's. */
function dnsSet(dns: Dns | undefined): dns is Dns {
  if (dns === undefined) return false;
  const { nameservers = [], domain = '', search = [], options = [] } = dns;
  return nameservers.length > 0 || domain !== '' || search.length > 0 || options.length > 0;
}

function interfaceOf(link: Link, sandbox?: string): Interface100 {
  return {
    name: link.name,
    ...(link.mac === undefined ? {} : { mac: link.mac }),
    ...(sandbox === undefined ? {} : { sandbox }),
  };
}

/**
 * What ADD reports: `[host veth, container veth]`, every IP on the container's (index 1),
 * the IPAM plugin's routes as they were given, and the config's `dns` when it says
 * anything, else the IPAM plugin's.
 */
function ptpResult(
  pair: VethPair,
  ipam: Result100,
  ips: readonly IpConfig100[],
  dns: Dns | undefined,
  netns: string,
): Result100 {
  const chosenDns = dnsSet(dns) ? dns : ipam.dns;
  return {
    cniVersion: '1.1.0',
    interfaces: [interfaceOf(pair.host), interfaceOf(pair.container, netns)],
    ips: mapItems(ips, (ipc) => ({ ...ipc, interface: 1 })),
    ...(ipam.routes === undefined ? {} : { routes: ipam.routes }),
    ...(chosenDns === undefined ? {} : { dns: chosenDns }),
  };
}

function enableForwarding(ips: readonly IpConfig100[]): void {
  try {
    ensureIpForwardFor(mapItems(ips, (ipc) => ipc.address));
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `Could not enable IP forwarding: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}

/** Deletes the container end of the pair (the host end goes with it); gone already is fine. */
function deleteVeth(netns: Netns, ifName: string): void {
  using sock = openRouteSocket({ netns });
  try {
    deleteLink(sock, { name: ifName });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Starts the masquerade for the container's addresses, with its undo. */
function startMasquerade(
  masq: Masquerade,
  ctx: PluginContext<PtpConfig>,
  ips: readonly IpConfig100[],
  backend: IpMasqBackend,
  undo: UndoStack,
): Promise<void> {
  const target = {
    network: ctx.config.name,
    containerId: ctx.containerId,
    ifName: ctx.ifName,
    addresses: mapItems(ips, (ipc) => ipc.address),
  };
  const setup = masq.startIpMasqSetup({ ...target, backend });
  const settled = setup.catch(() => undefined); // handled here; ADD awaits `setup` itself
  undo.defer('masquerade', async () => {
    await settled;
    masq.teardownIpMasq({ ...target, backend });
  });
  return setup;
}

/**
 * ptp ADD: addresses from the IPAM plugin, a veth pair between the container and the host,
 * the addresses in the container with every route through the gateway, the gateway and a
 * host route on the host veth, and masquerade when `ipMasq`. The routes are reported as
 * the IPAM plugin gave them. On failure everything made so far is taken back: the IPAM
 * reservation, the veth pair and the masquerade rules (upstream leaves the veth behind).
 */
export async function addPtp(ctx: PluginContext<PtpConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  // The masquerade's code is loaded only when there is one; its backend probe (an iptables
  // process when ipMasqBackend is absent) runs meanwhile.
  const module = config.ipMasq === true ? await loadMasquerade() : undefined;
  const masq = module && { module, backend: module.selectIpMasqBackendAsync(config.ipMasqBackend) };
  masq?.backend.catch(() => undefined); // awaited below; no unhandled rejection before
  const enableDad = config.enabledad === true;
  using netns = openContainerNetns(ctx.netns);
  using hostNetns = currentNetns();
  // One route socket per namespace for the whole ADD.
  using hostSock = openRouteSocket();
  using containerSock = openRouteSocket({ netns });
  return await withUndo(
    async (undo) => {
      const ipam = await ipamAdd(ctx, ipamType(config), IPAM);
      undo.defer('IPAM DEL', () => ipamDel(ctx, ipamType(config), IPAM));
      const ips = addressesOf(ipam);
      enableForwarding(ips);
      // The masquerade's iptables processes run while the veth pair is made and configured.
      const masquerade = masq && startMasquerade(masq.module, ctx, ips, await masq.backend, undo);

      const pair = createVethPair({
        containerNetns: netns,
        hostNetns,
        containerIfName: ifName,
        containerSock,
        hostSock,
        ...(config.mtu === undefined ? {} : { mtu: config.mtu }),
      });
      undo.defer(`delete veth ${pair.host.name}`, () => deleteVeth(netns, ifName));

      const result = ptpResult(pair, ipam, ips, config.dns, ctx.netns);
      configureContainerSide({
        netns,
        sock: containerSock,
        ifName,
        index: pair.container.index,
        result,
        enableDad,
      });
      configureHostSide({
        sock: hostSock,
        index: pair.host.index,
        name: pair.host.name,
        ips,
        noDad: !enableDad,
      });

      await masquerade;
      return result;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
