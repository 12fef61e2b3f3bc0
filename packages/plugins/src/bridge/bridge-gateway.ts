import {
  ensureAddress,
  ensureIpForward,
  getLink,
  goErrorText,
  type Link,
  type NetlinkRequester,
  type Netns,
  setLinkMac,
} from '@cni-ts/plugin-kit';
import type { Interface100, IpFamily } from '@cni-ts/spec-types';
import type { GatewayPlan } from './gateways.ts';
import { ZERO_MAC } from './mac.ts';
import type { BridgeSettings } from './settings.ts';
import { ensureVlanGateway } from './vlan-gateway.ts';

/**
 * Pins the bridge's MAC (`ip link set dev BR address MAC`) so it stops following its ports,
 * as upstream does after each gateway address: to the MAC the bridge had before this ADD
 * attached its port (so it differs from the port's, as the Go plugin's does), or, when that
 * was all zeros (a bridge whose last port left), to the one it has now. Upstream pins the
 * stale zeros and fails for good (reference-plugins.md §6.4).
 */
function pinBridgeMac(sock: NetlinkRequester, bridge: Link): void {
  const before = bridge.mac;
  const mac =
    before !== undefined && before !== ZERO_MAC
      ? before
      : getLink(sock, { index: bridge.index }).mac;
  if (mac === undefined || mac === ZERO_MAC) return;
  try {
    setLinkMac(sock, bridge.index, mac);
  } catch (error) {
    throw new Error(`could not set bridge's mac: ${goErrorText(error)}`, { cause: error });
  }
}

/** What putting the gateways on the bridge needs. */
export interface BridgeGatewayOptions {
  readonly bridge: Link;
  readonly addresses: GatewayPlan['bridgeAddresses'];
  readonly settings: BridgeSettings;
  readonly hostNetns: Netns;
}

/**
 * Step 8 of upstream's bridge ADD (`isGateway`), per family: each gateway address goes on
 * the bridge, or with a `vlan` on its `<bridge>.<vlan>` gateway interface (plugin-kit's
 * ensureAddress: conflicts fail unless `forceAddress`; then the MAC is pinned), then forwarding
 * is turned on for the family. Returns the VLAN gateway interface for the result, if one
 * was used.
 */
export function applyBridgeGateways(
  sock: NetlinkRequester,
  options: BridgeGatewayOptions,
): Interface100 | undefined {
  const { bridge, settings } = options;
  let vlanLink: Link | undefined;
  for (const family of [4, 6] as const satisfies readonly IpFamily[]) {
    const addresses = options.addresses[family];
    for (const address of addresses) {
      if (settings.vlan !== 0) {
        try {
          vlanLink ??= ensureVlanGateway(sock, {
            bridge,
            vlan: settings.vlan,
            preserveDefaultVlan: settings.preserveDefaultVlan,
            hostNetns: options.hostNetns,
          });
        } catch (error) {
          throw new Error(`failed to create vlan interface: ${goErrorText(error)}`, {
            cause: error,
          });
        }
      }
      const target = vlanLink ?? bridge;
      try {
        ensureAddress(sock, {
          index: target.index,
          name: target.name,
          address,
          forceAddress: settings.forceAddress,
          // The bridge is pinned to its MAC from before this ADD's port, below.
          pinMac: vlanLink !== undefined,
        });
        if (vlanLink === undefined) pinBridgeMac(sock, bridge);
      } catch (error) {
        const what =
          vlanLink === undefined
            ? 'failed to set bridge addr'
            : 'failed to set vlan interface for bridge with addr';
        throw new Error(`${what}: ${goErrorText(error)}`, { cause: error });
      }
    }
    if (addresses.length === 0) continue;
    try {
      ensureIpForward({ family });
    } catch (error) {
      throw new Error(`failed to enable forwarding: ${goErrorText(error)}`, { cause: error });
    }
  }
  if (vlanLink === undefined) return undefined;
  return { name: vlanLink.name, ...(vlanLink.mac === undefined ? {} : { mac: vlanLink.mac }) };
}
