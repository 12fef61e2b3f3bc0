import {
  ensureBridge,
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  type NetlinkRequester,
  setLinkMac,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { randomMac, ZERO_MAC } from './mac.ts';
import type { BridgeSettings } from './settings.ts';

/**
 * Step 1 of upstream's bridge ADD through a host-namespace socket (plugin-kit's
 * ensureBridge: create with MTU and vlan_filtering when a VLAN or trunk is configured,
 * promisc, accept_ra=0, up), failing with `failed to create bridge "BR": …` as upstream.
 * The MAC is left alone here, as upstream does: an unpinned bridge takes its first port's
 * MAC and its carrier follows its ports, so it shows the same MAC and oper state (UP) as
 * the Go plugin's. A gateway address pins it later (ensureAddress re-reads the MAC first).
 */
export function setupBridge(sock: NetlinkRequester, settings: BridgeSettings): Link {
  const name = settings.bridge;
  try {
    return ensureBridge(sock, {
      name,
      ...(settings.mtu > 0 ? { mtu: settings.mtu } : {}),
      vlanFiltering: settings.vlan !== 0 || settings.trunk.length > 0,
      promisc: settings.promiscMode,
    });
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `failed to create bridge ${JSON.stringify(name)}: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}

/**
 * Part of undoing a failed ADD, after its port is gone: an unpinned bridge whose last port
 * left reports the all-zero MAC (00:00:00:00:00:00), and upstream's next ADD then fails for
 * good (`could not set bridge's mac: invalid argument`, reference-plugins.md §6.4). Such a
 * bridge gets a random MAC of its own.
 */
export function keepBridgeMacUsable(sock: NetlinkRequester, index: number): void {
  let mac: string | undefined;
  try {
    mac = getLink(sock, { index }).mac;
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  if (mac === undefined || mac === ZERO_MAC) setLinkMac(sock, index, randomMac());
}
