import type { IpConfig100, Result100 } from '@cni-ts/spec-types';
import { addAddress } from '../netlink/route/address/ops.ts';
import { setLinkUp } from '../netlink/route/link/set-ops.ts';
import { addRouteEcmp } from '../netlink/route/route/ops.ts';
import { borrowRouteSocket } from '../netlink/socket/borrow-route-socket.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import { readSysctl, writeSysctl } from '../sysctl/sysctl.ts';
import { goErrorText, goIp, goIpConfig, goIpNet, goScope } from './_go-format.ts';
import { linkByName } from './_link-lookup.ts';
import { familyOf } from './_prefix.ts';
import { NetSetupError } from './net-setup-error.ts';
import { type FamilyGateways, groupRoutes, routeSpecForGroup } from './route-groups.ts';
import { settleAddresses } from './settle-addresses.ts';

export interface ConfigureInterfaceOptions {
  /** The namespace holding the interface (the container's). */
  readonly netns: Netns;
  readonly ifName: string;
  /** The result whose IPs (those pointing at this interface) and routes are applied. */
  readonly result: Result100;
  /** How long to wait for IPv6 DAD when there is an IPv6 gateway (default 5000, as upstream). */
  readonly dadTimeoutMs?: number;
  /** A route socket the caller holds in netns (default: one opened for the call). */
  readonly sock?: NetlinkRequester;
  /**
   * The interface's index, when the caller has just read it (a veth it created): then it
   * is not looked up by name again, a round trip and a decode less.
   */
  readonly index?: number;
}

/** Upstream's dadSettleTimeout. */
export const DAD_SETTLE_TIMEOUT_MS = 5000;

const OP = 'configureInterface';

function fail(message: string, error?: unknown): never {
  throw new NetSetupError(OP, 'kernel', message, error);
}

/** The IPs that belong to `ifName`, checking every index as upstream does. */
function ownIps(result: Result100, ifName: string): IpConfig100[] {
  const interfaces = result.interfaces ?? [];
  const own: IpConfig100[] = [];
  for (const ipc of result.ips ?? []) {
    if (ipc.interface === undefined) continue;
    const target = interfaces[ipc.interface];
    if (ipc.interface < 0 || target === undefined || target.name !== ifName) {
      throw new NetSetupError(
        OP,
        'invalid-interface-index',
        `failed to add IP addr ${goIpConfig(ipc)} to ${JSON.stringify(ifName)}: invalid interface index`,
      );
    }
    own.push(ipc);
  }
  return own;
}

/** disable_ipv6=0 on lo and the interface, keep_addr_on_down=1 on the interface. */
function enableIpv6(netns: Netns, ifName: string): void {
  for (const iface of ['lo', ifName]) {
    const name = `net/ipv6/conf/${iface}/disable_ipv6`;
    let value: string;
    try {
      value = readSysctl(name, { netns });
    } catch {
      continue; // Upstream logs the failed read and goes on.
    }
    if (value === '0') continue;
    try {
      writeSysctl(name, '0', { netns });
    } catch (error) {
      fail(
        `failed to enable IPv6 for interface ${JSON.stringify(iface)} (${name}=${value}): ${goErrorText(error)}`,
        error,
      );
    }
  }
  try {
    writeSysctl(`net/ipv6/conf/${ifName}/keep_addr_on_down`, '1', { netns });
  } catch (error) {
    fail(
      `failed to enable keep_addr_on_down for interface ${JSON.stringify(ifName)}: ${goErrorText(error)}`,
      error,
    );
  }
}

function addRoutes(
  sock: NetlinkRequester,
  index: number,
  options: ConfigureInterfaceOptions,
  gateways: FamilyGateways,
): void {
  for (const group of groupRoutes(options.result.routes ?? [], gateways)) {
    try {
      addRouteEcmp(sock, routeSpecForGroup(group, index));
    } catch (error) {
      const gws = `[${group.gateways.map(goIp).join(' ')}]`;
      fail(
        `failed to add route '${goIpNet(group.dst, false)} via ${gws} dev ${options.ifName} metric ${group.priority} (Scope: ${goScope(group.scope)}, Table: ${group.table})': ${goErrorText(error)}`,
        error,
      );
    }
  }
}

/**
 * Applies a result to an interface as upstream's ipam.ConfigureIface does, inside `netns`:
 * 1. every result IP whose `interface` is set must point at an interface named `ifName`
 *    (else NetSetupError 'invalid-interface-index', upstream's text); IPs without an index
 *    are skipped;
 * 2. at the first IPv6 address: `sysctl net.ipv6.conf.{lo,IF}.disable_ipv6=0` (written only
 *    when not 0) and `net.ipv6.conf.IF.keep_addr_on_down=1`;
 * 3. `ip addr add ADDR dev IF` for each (RTM_NEWADDR; IPv4 with broadcast, as upstream);
 * 4. `ip link set dev IF up`;
 * 5. with an IPv6 gateway, wait for DAD (settleAddresses, 5 s by default);
 * 6. the routes, `gw` defaulting to the first gateway of the route's family, with their
 *    priority, table, scope, mtu and advmss; routes with the same destination, table,
 *    scope and priority become one multipath route (`ip route prepend DST nexthop via A dev
 *    IF nexthop via B dev IF`, RTM_NEWROUTE with NLM_F_CREATE, as upstream's RouteAddEcmp).
 * Errors are NetSetupError with upstream's texts; kernel errors stay in `cause`.
 */
export function configureInterface(options: ConfigureInterfaceOptions): void {
  const { netns, ifName, result } = options;
  if ((result.interfaces ?? []).length === 0) {
    throw new NetSetupError(OP, 'no-interfaces', 'no interfaces to configure');
  }
  using borrowed = borrowRouteSocket(netns, options.sock);
  const { sock } = borrowed;
  const index = options.index ?? linkByName(sock, ifName, OP, 'failed to lookup').index;
  let v4: string | undefined;
  let v6: string | undefined;
  let ipv6Enabled = false;
  for (const ipc of ownIps(result, ifName)) {
    if (!ipv6Enabled && familyOf(ipc.address) === 6) {
      enableIpv6(netns, ifName);
      ipv6Enabled = true;
    }
    try {
      addAddress(sock, { index, address: ipc.address });
    } catch (error) {
      fail(
        `failed to add IP addr ${goIpConfig(ipc)} to ${JSON.stringify(ifName)}: ${goErrorText(error)}`,
        error,
      );
    }
    if (ipc.gateway === undefined) continue;
    if (familyOf(ipc.gateway) === 4) v4 ??= ipc.gateway;
    else v6 ??= ipc.gateway;
  }
  try {
    setLinkUp(sock, index);
  } catch (error) {
    fail(`failed to set ${JSON.stringify(ifName)} UP: ${goErrorText(error)}`, error);
  }
  if (v6 !== undefined) {
    try {
      settleAddresses(sock, index, {
        timeoutMs: options.dadTimeoutMs ?? DAD_SETTLE_TIMEOUT_MS,
        name: ifName,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const reason = error instanceof NetSetupError ? error.reason : 'kernel';
      throw new NetSetupError(
        OP,
        reason,
        `failed to settle addresses for ${JSON.stringify(ifName)}: ${why}`,
        error,
      );
    }
  }
  addRoutes(sock, index, options, {
    ...(v4 === undefined ? {} : { v4 }),
    ...(v6 === undefined ? {} : { v6 }),
  });
}
