import { mapItems } from '@cni-ts/plugin-kit';
import {
  canonicalCidr,
  formatIp,
  type IpConfig100,
  type IpFamily,
  ipFamily,
  parseCidr,
  type Route,
} from '@cni-ts/spec-types';

/** The result's index of the container interface: [bridge, host veth, container veth]. */
export const CONTAINER_INTERFACE_INDEX = 2;

const DEFAULT_DST: Readonly<Record<IpFamily, string>> = { 4: '0.0.0.0/0', 6: '::/0' };

/** What the IPAM result becomes on a bridge (upstream's calcGateways). */
export interface GatewayPlan {
  /** The IPAM IPs on the container interface, with the gateway filled in for isGateway. */
  readonly ips: IpConfig100[];
  /** The IPAM routes plus a default route per family for isDefaultGateway. */
  readonly routes: Route[];
  /** The addresses the bridge gets for isGateway ("gateway/prefix"), per family, in order. */
  readonly bridgeAddresses: Readonly<Record<IpFamily, string[]>>;
}

/** The first address of `cidr`'s network plus one ("10.1.2.3/24" → "10.1.2.1"), as upstream. */
export function firstHost(cidr: string): string {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) throw new TypeError(`not a CIDR: ${JSON.stringify(cidr)}`);
  const bytes = parsed.ip.slice();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, parsed.prefix - i * 8));
    bytes[i] = (bytes[i] ?? 0) & ((0xff00 >> keep) & 0xff);
  }
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = ((bytes[i] ?? 0) + 1) & 0xff;
    if (bytes[i] !== 0) break;
  }
  return formatIp(bytes);
}

function familyOf(cidr: string): IpFamily {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) throw new TypeError(`not a CIDR: ${JSON.stringify(cidr)}`);
  return ipFamily(parsed.ip);
}

/** True when the routes already hold a default route of `family`, with or without a gateway. */
function hasDefaultRoute(routes: readonly Route[], family: IpFamily): boolean {
  for (const route of routes) if (canonicalCidr(route.dst) === DEFAULT_DST[family]) return true;
  return false;
}

/**
 * Upstream's calcGateways over an IPAM result: every IP points at the container interface
 * (index 2); with `isGateway` an IP without a gateway gets its network's first address;
 * with `isDefaultGateway` a default route via that gateway is added per family unless the
 * routes have one already. Unlike upstream, an IPAM default route WITHOUT a gateway counts
 * as one (upstream adds a second and ADD fails with `file exists`); it is installed via the
 * family's gateway, so the kernel ends up with the same route. Pure: the inputs are not
 * changed.
 */
export function planGateways(
  ipamIps: readonly IpConfig100[],
  ipamRoutes: readonly Route[],
  options: { readonly isGateway: boolean; readonly isDefaultGateway: boolean },
): GatewayPlan {
  const routes = mapItems(ipamRoutes, (route) => ({ ...route }));
  const bridgeAddresses: Record<IpFamily, string[]> = { 4: [], 6: [] };
  const ips = mapItems(ipamIps, (ipc) => {
    const family = familyOf(ipc.address);
    const gateway =
      ipc.gateway === undefined && options.isGateway ? firstHost(ipc.address) : ipc.gateway;
    if (options.isDefaultGateway && !hasDefaultRoute(routes, family)) {
      routes.push({ dst: DEFAULT_DST[family], ...(gateway === undefined ? {} : { gw: gateway }) });
    }
    if (options.isGateway && gateway !== undefined) {
      bridgeAddresses[family].push(`${gateway}/${parseCidr(ipc.address)?.prefix ?? 0}`);
    }
    return {
      ...ipc,
      interface: CONTAINER_INTERFACE_INDEX,
      ...(gateway === undefined ? {} : { gateway }),
    };
  });
  return { ips, routes, bridgeAddresses };
}
