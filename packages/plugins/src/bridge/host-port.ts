import {
  addBridgeVlan,
  type BridgeVlan,
  deleteBridgeVlan,
  goErrorText,
  listBridgeVlans,
  type NetlinkRequester,
  setBridgePort,
  setLinkMaster,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/** How the host end of a container's veth joins the bridge. */
export interface HostPortOptions {
  readonly bridgeIndex: number;
  readonly bridgeName: string;
  /** The host end (index and name in the host namespace). */
  readonly index: number;
  readonly name: string;
  readonly hairpin: boolean;
  readonly isolated: boolean;
  /** Access VLAN (0: none). */
  readonly vlan: number;
  /** Trunk VIDs. */
  readonly trunk: readonly number[];
  readonly preserveDefaultVlan: boolean;
}

function fail(message: string, error: unknown): never {
  throw new CniError(CniErrorCode.Internal, `${message}: ${goErrorText(error)}`, { cause: error });
}

/** The VLANs a port gets: the access VLAN untagged, the trunk tagged, VID 1 native for a bare trunk. */
export function portVlans(vlan: number, trunk: readonly number[]): BridgeVlan[] {
  const vlans: BridgeVlan[] = [];
  if (vlan !== 0) vlans.push({ vid: vlan, pvid: true, untagged: true });
  else if (trunk.length > 0) vlans.push({ vid: 1, pvid: true, untagged: true });
  for (const vid of trunk) vlans.push({ vid });
  return vlans;
}

/**
 * Step 3 of upstream's bridge ADD, through a host-namespace socket: `ip link set dev PORT
 * master BR`, `bridge link set dev PORT hairpin on|off [isolated on]`, then with a VLAN or
 * trunk: `bridge vlan del` of the port's existing VLANs (unless preserveDefaultVlan) and
 * `bridge vlan add` of portVlans(). Failures are code 999 with upstream's texts
 * (`failed to connect "vethX" to bridge BR: …`).
 */
export function attachHostPort(sock: NetlinkRequester, options: HostPortOptions): void {
  const { index, name } = options;
  try {
    setLinkMaster(sock, index, options.bridgeIndex);
  } catch (error) {
    fail(`failed to connect ${JSON.stringify(name)} to bridge ${options.bridgeName}`, error);
  }
  try {
    setBridgePort(sock, index, { hairpin: options.hairpin });
  } catch (error) {
    fail(`failed to setup hairpin mode for ${name}`, error);
  }
  if (options.isolated) {
    try {
      setBridgePort(sock, index, { isolated: true });
    } catch (error) {
      fail(`failed to set isolated on port ${name}`, error);
    }
  }
  const vlans = portVlans(options.vlan, options.trunk);
  if (vlans.length === 0) return;
  if (!options.preserveDefaultVlan) {
    try {
      for (const vlan of listBridgeVlans(sock, index)) deleteBridgeVlan(sock, index, vlan);
    } catch (error) {
      fail(`failed to remove default vlan on interface ${JSON.stringify(name)}`, error);
    }
  }
  for (const vlan of vlans) {
    try {
      addBridgeVlan(sock, index, vlan);
    } catch (error) {
      fail(`failed to setup vlan tag on interface ${JSON.stringify(name)}`, error);
    }
  }
}
