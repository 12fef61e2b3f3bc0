import {
  AF,
  getLinkName,
  isNotFound,
  listRoutes,
  openRouteSocket,
  RT_TABLE,
  setSysctl,
} from '@cni-ts/plugin-kit';
import { parseCidr } from '@cni-ts/spec-types';

function contains(dst: string, ip: Uint8Array): boolean {
  const net = parseCidr(dst);
  if (net === undefined || net.ip.length !== ip.length) return false;
  for (let bit = 0; bit < net.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((net.ip[byte] ?? 0) & mask) !== ((ip[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/** The host interface the main table routes `ip` through (longest prefix), if any. */
export function routableHostIf(ip: Uint8Array): string | undefined {
  using sock = openRouteSocket();
  // The first of the longest prefix (as a stable sort would rank them), in one loop: no
  // filter/sort builtins, whose first calls an exec pays for (issue 22).
  let oif: number | undefined;
  let longest = -1;
  for (const route of listRoutes(sock, { family: AF.INET, table: RT_TABLE.MAIN })) {
    if (route.oif === undefined || !contains(route.dst, ip)) continue;
    const prefix = parseCidr(route.dst)?.prefix ?? 0;
    if (prefix > longest) {
      longest = prefix;
      oif = route.oif;
    }
  }
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
