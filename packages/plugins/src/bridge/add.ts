import {
  currentNetns,
  getLink,
  goErrorText,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  waitForOperUp,
  withUndo,
} from '@cni-ts/plugin-kit';
import type { Result100 } from '@cni-ts/spec-types';
import { loadMasquerade } from '../masquerade-loader.ts';
import type { BridgeCniArg, BridgeConfig } from './config.ts';
import { createContainerVeth, deleteContainerVeth, setContainerLinkUp } from './container-side.ts';
import { dnsOverride } from './dns.ts';
import { attachHostPort } from './host-port.ts';
import { addLayer3 } from './layer3.ts';
import { bridgeSettings, checkAddSettings } from './settings.ts';
import { keepBridgeMacUsable, setupBridge } from './setup-bridge.ts';

/**
 * ADD, upstream's steps (reference-plugins.md §2.1) with these differences: every check
 * runs before anything is made (the netns is opened before the bridge is touched); and a
 * failed ADD undoes what it made — the veth, the spoof-check chains, the IPAM
 * reservation, the masquerade rules — where upstream leaves the veth behind. The bridge
 * itself stays, as upstream, with a usable MAC (never all zeros).
 */
export async function addBridge(
  ctx: PluginContext<BridgeConfig, BridgeCniArg>,
): Promise<Result100> {
  const settings = checkAddSettings(bridgeSettings(ctx.config, ctx.cniArgs));
  // The masquerade's code is loaded only when there is one; its backend probe (an iptables
  // process when ipMasqBackend is absent) runs meanwhile.
  const module =
    settings.ipMasq && settings.ipamType !== undefined ? await loadMasquerade() : undefined;
  const masq = module && {
    module,
    backend: module.selectIpMasqBackendAsync(settings.ipMasqBackend),
  };
  masq?.backend.catch(() => undefined); // awaited in addLayer3; no unhandled rejection before
  using netns = openContainerNetns(ctx.netns);
  using hostNetns = currentNetns();
  using sock = openRouteSocket();
  // One route socket per namespace for the whole ADD.
  using containerSock = openRouteSocket({ netns });
  const bridge = setupBridge(sock, settings);
  return await withUndo(
    async (undo) => {
      // Runs after the veth's undo (last in, first out): a port leaving can zero the MAC.
      undo.defer('keep the bridge MAC usable', () => keepBridgeMacUsable(sock, bridge.index));
      const pair = createContainerVeth({
        netns,
        hostNetns,
        containerSock,
        hostSock: sock,
        ifName: ctx.ifName,
        mtu: settings.mtu,
        ...(settings.mac === undefined ? {} : { mac: settings.mac }),
      });
      undo.defer(`delete veth ${pair.host.name}`, () =>
        deleteContainerVeth(netns, pair.container.index),
      );
      attachHostPort(sock, {
        bridgeIndex: bridge.index,
        bridgeName: bridge.name,
        index: pair.host.index,
        name: pair.host.name,
        hairpin: settings.hairpinMode,
        isolated: settings.portIsolation,
        vlan: settings.vlan,
        trunk: settings.trunk,
        preserveDefaultVlan: settings.preserveDefaultVlan,
      });
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [
          { name: bridge.name, mac: bridge.mac ?? '' },
          { name: pair.host.name, mac: pair.host.mac ?? '' },
          { name: ctx.ifName, mac: pair.container.mac ?? '', sandbox: ctx.netns },
        ],
      };
      if (settings.macspoofchk) {
        // Loaded here: the spoof check's nf_tables code is no part of a bridge without it.
        const spoof = await import('./spoof-check.ts');
        const id = spoof.spoofCheckId(ctx.containerId, ctx.ifName);
        undo.defer('spoof-check teardown', () => spoof.teardownSpoofCheck(id));
        spoof.setupSpoofCheck({
          id,
          hostIfName: pair.host.name,
          containerMac: pair.container.mac ?? '',
        });
      }
      let masquerade: Promise<void> | undefined;
      if (settings.ipamType !== undefined) {
        const containerIndex = pair.container.index;
        const scope = {
          netns,
          hostNetns,
          sock,
          containerSock,
          bridge,
          containerIndex,
          masq,
        };
        const layer3 = { ...settings, ipamType: settings.ipamType };
        ({ masquerade } = await addLayer3(ctx, layer3, scope, result, undo));
      } else if (!settings.disableContainerInterface) {
        setContainerLinkUp(netns, ctx.ifName);
      }
      const hostLink = settings.disableContainerInterface
        ? getLink(sock, { index: pair.host.index })
        : waitForOperUp(sock, pair.host.index);
      const [bridgeIface, hostIface] = result.interfaces ?? [];
      if (hostIface !== undefined) hostIface.mac = hostLink.mac ?? '';
      if (bridgeIface !== undefined)
        bridgeIface.mac = getLink(sock, { index: bridge.index }).mac ?? '';
      const dns = dnsOverride(ctx.config.dns);
      if (dns !== undefined) result.dns = dns;
      await masquerade;
      return result;
    },
    (failure) =>
      ctx.log.warn(`undoing ADD: ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
