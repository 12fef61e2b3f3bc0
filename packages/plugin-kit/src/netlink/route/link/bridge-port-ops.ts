import type { NetlinkRequester } from '../../socket/requester.ts';
import type { BridgePortInfo, BridgePortOptions } from './kinds/bridge-port.ts';
import { LinkError } from './link-error.ts';
import { decodeLinkReplies } from './ops.ts';
import { dumpBridgePortsRequest, setBridgePortRequest } from './requests.ts';
import type { Link } from './types.ts';

/**
 * Changes bridge port settings of a link enslaved to a bridge: `bridge link set dev X
 * hairpin on isolated on learning off …` (AF_BRIDGE RTM_SETLINK, IFLA_PROTINFO|NLA_F_NESTED).
 */
export function setBridgePort(
  sock: NetlinkRequester,
  index: number,
  options: BridgePortOptions,
): void {
  sock.request(setBridgePortRequest(index, options));
}

/** Every bridge port with its settings in `protinfo`: `bridge -d link show` (AF_BRIDGE RTM_GETLINK dump). */
export function listBridgePorts(sock: NetlinkRequester): Link[] {
  return decodeLinkReplies(sock.request(dumpBridgePortsRequest())).filter(
    (link) => link.protinfo !== undefined,
  );
}

/** The bridge port settings of one link, read back from the AF_BRIDGE dump. */
export function getBridgePort(sock: NetlinkRequester, index: number): BridgePortInfo {
  const port = listBridgePorts(sock).find((link) => link.index === index);
  if (port?.protinfo === undefined) {
    throw new LinkError('RTM_GETLINK', 'no-reply', `link ${index} is not a bridge port`);
  }
  return port.protinfo;
}
