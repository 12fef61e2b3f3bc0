import { getLinkName, getRoute, isNotFound, openRouteSocket, setSysctl } from '@cni-ts/plugin-kit';
import { formatIp } from '@cni-ts/spec-types';

/**
 * The host interface the kernel routes `ip` through (`ip route get`: one lookup through
 * the routing policy, as upstream's RouteGet), if any route reaches it.
 */
export function routableHostIf(ip: Uint8Array): string | undefined {
  using sock = openRouteSocket();
  const oif = getRoute(sock, formatIp(ip))?.oif;
  if (oif === undefined) return undefined;
  try {
    return getLinkName(sock, oif);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Lets 127.0.0.0/8 sources cross to the container (localhost access to a host port):
 * `net.ipv4.conf.<if>.route_localnet=1` on the host interface that routes to it.
 */
export function enableLocalnetRouting(ip: Uint8Array): void {
  const name = routableHostIf(ip);
  if (name !== undefined) setSysctl(`net/ipv4/conf/${name}/route_localnet`, '1');
}
