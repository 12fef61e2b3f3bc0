import {
  createVethPair,
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  type NetlinkRequester,
  type Netns,
  setLinkUp,
} from '@cni-ts/plugin-kit';
import { attachHostPort } from './host-port.ts';

/** The bridge and VLAN a gateway interface is made for. */
export interface VlanGatewayOptions {
  readonly bridge: Link;
  readonly vlan: number;
  readonly preserveDefaultVlan: boolean;
  /** The host namespace (where both ends of the gateway veth live). */
  readonly hostNetns: Netns;
}

/**
 * Upstream's ensureVlanInterface: with `isGateway` and a `vlan`, the gateway address goes
 * on `<bridge>.<vlan>`, one end of a veth pair made in the host namespace whose other end
 * is a bridge port in that VLAN (pvid, untagged). An existing `<bridge>.<vlan>` is reused.
 * Errors carry upstream's words (including its "faild" typo).
 */
export function ensureVlanGateway(sock: NetlinkRequester, options: VlanGatewayOptions): Link {
  const name = `${options.bridge.name}.${options.vlan}`;
  try {
    return getLink(sock, { name });
  } catch (error) {
    if (!isNotFound(error)) {
      throw new Error(`failed to find interface ${JSON.stringify(name)}: ${goErrorText(error)}`, {
        cause: error,
      });
    }
  }
  let port: Link;
  try {
    const pair = createVethPair({
      containerNetns: options.hostNetns,
      hostNetns: options.hostNetns,
      containerIfName: name,
      mtu: options.bridge.mtu,
    });
    port = pair.host;
    attachHostPort(sock, {
      bridgeIndex: options.bridge.index,
      bridgeName: options.bridge.name,
      index: port.index,
      name: port.name,
      hairpin: false,
      isolated: false,
      vlan: options.vlan,
      trunk: [],
      preserveDefaultVlan: options.preserveDefaultVlan,
    });
  } catch (error) {
    throw new Error(`faild to create vlan gateway ${JSON.stringify(name)}: ${goErrorText(error)}`, {
      cause: error,
    });
  }
  const gateway = getLink(sock, { name });
  try {
    setLinkUp(sock, gateway.index);
  } catch (error) {
    throw new Error(`failed to up ${JSON.stringify(name)}: ${goErrorText(error)}`, {
      cause: error,
    });
  }
  return getLink(sock, { index: gateway.index });
}
