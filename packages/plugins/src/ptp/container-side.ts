import {
  addRoute,
  configureInterface,
  deleteRoute,
  goErrorText,
  type NetlinkRequester,
  type Netns,
  RT_SCOPE,
  writeSysctl,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type IpConfig100, type Result100 } from '@cni-ts/spec-types';
import { addressOf, familyOf, hostPrefix, networkOf } from './_prefix.ts';

export interface ContainerSideOptions {
  /** The container's namespace. */
  readonly netns: Netns;
  /** A route socket in it (the ADD's own). */
  readonly sock: NetlinkRequester;
  /** The container end of the veth (CNI_IFNAME). */
  readonly ifName: string;
  /** Its index, as read when the veth was made (not looked up again). */
  readonly index: number;
  /** The result: its IPs point at `ifName`, each with a gateway. */
  readonly result: Result100;
  /** Keep IPv6 duplicate address detection (upstream's behaviour, a ~2 s wait). */
  readonly enableDad: boolean;
}

function fail(message: string, error: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, { cause: error });
}

/**
 * `sysctl net.ipv6.conf.IF.accept_dad=0`. The only other end of a ptp link is its host
 * veth, which carries nothing but gateway addresses, so a duplicate cannot exist and the
 * DAD wait would only delay the container.
 */
function disableDad(netns: Netns, ifName: string): void {
  try {
    writeSysctl(`net/ipv6/conf/${ifName}/accept_dad`, '0', { netns });
  } catch (error) {
    fail(`failed to disable IPv6 DAD on ${JSON.stringify(ifName)}: ${goErrorText(error)}`, error);
  }
}

/**
 * Replaces the kernel's connected route for one address with ptp's two: the gateway as an
 * on-link host route with the address as source, and the subnet through the gateway.
 * `ip route del SUBNET dev IF; ip route add GW/32 dev IF scope link src IP;
 * ip route add SUBNET via GW dev IF src IP`.
 */
function rewriteRoutes(
  sock: NetlinkRequester,
  index: number,
  ifName: string,
  ipc: IpConfig100,
): void {
  const gateway = ipc.gateway ?? '';
  const ip = addressOf(ipc.address);
  const subnet = networkOf(ipc.address);
  try {
    deleteRoute(sock, { dst: subnet, oif: index });
  } catch (error) {
    fail(`failed to delete route ${subnet} dev ${ifName}: ${goErrorText(error)}`, error);
  }
  const routes = [
    { dst: hostPrefix(gateway), oif: index, scope: RT_SCOPE.LINK, prefsrc: ip },
    { dst: subnet, gateway, oif: index, scope: RT_SCOPE.UNIVERSE, prefsrc: ip },
  ];
  for (const route of routes) {
    try {
      addRoute(sock, route);
    } catch (error) {
      const via = route.gateway === undefined ? '' : ` via ${route.gateway}`;
      fail(
        `failed to add route ${route.dst}${via} dev ${ifName} src ${ip}: ${goErrorText(error)}`,
        error,
      );
    }
  }
}

/**
 * The container half of a ptp ADD, inside `netns`: the result's addresses and routes on
 * the interface (configureInterface, which brings it up), then for every address its
 * connected route swapped for routes through the gateway, so that all traffic, also to
 * the container's own subnet, goes to the host.
 */
export function configureContainerSide(options: ContainerSideOptions): void {
  const { netns, sock, ifName, result, index } = options;
  const ips = result.ips ?? [];
  let v6 = false;
  for (const ipc of ips) if (familyOf(ipc.address) === 6) v6 = true;
  if (!options.enableDad && v6) {
    disableDad(netns, ifName);
  }
  configureInterface({ netns, ifName, result, sock, index });
  for (const ipc of ips) rewriteRoutes(sock, index, ifName, ipc);
}
