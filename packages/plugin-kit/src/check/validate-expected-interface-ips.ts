import type { IpConfig100 } from '@cni-ts/spec-types';
import { canonicalCidr } from '@cni-ts/spec-types';
import { goErrorText, goIp } from '../ip/_go-format.ts';
import { familyOf, networkOf } from '../ip/_prefix.ts';
import { AF } from '../netlink/codec/constants.ts';
import { listAddresses } from '../netlink/route/address/ops.ts';
import type { Address } from '../netlink/route/address/types.ts';
import { getLink } from '../netlink/route/link/ops.ts';
import { RT_TABLE } from '../netlink/route/route/constants.ts';
import { listRoutes } from '../netlink/route/route/ops.ts';
import type { Route } from '../netlink/route/route/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { CheckError } from './check-error.ts';

function addressesOf(sock: NetlinkRequester, ifName: string): Address[] {
  let index: number;
  try {
    index = getLink(sock, { name: ifName }).index;
  } catch (error) {
    throw new CheckError('link-not-found', `Cannot find container link ${ifName}`, error);
  }
  try {
    return listAddresses(sock, { index });
  } catch (error) {
    throw new CheckError('lookup-failed', 'Cannot obtain List of IP Addresses', error);
  }
}

function prefixRoutes(sock: NetlinkRequester, ipc: IpConfig100, ifName: string): Route[] {
  const family = familyOf(ipc.address) === 4 ? AF.INET : AF.INET6;
  const dst = networkOf(ipc.address) ?? ipc.address;
  try {
    return listRoutes(sock, { family, table: RT_TABLE.MAIN, dst });
  } catch (error) {
    throw new CheckError(
      'lookup-failed',
      `Error ${goErrorText(error)} trying to find Gateway ${goIp(ipc.gateway)} for interface ${ifName}`,
      error,
    );
  }
}

/**
 * CHECK of a result's addresses, as upstream's ValidateExpectedInterfaceIPs (used by every
 * main plugin): through `sock` (a route socket in the container's namespace), the link
 * `ifName` must exist (`ip link show dev IF`), carry each address with its prefix length
 * (`ip addr show dev IF`), and the main table must hold a route to each address's prefix
 * (`ip route show table main DST/LEN`). The first difference throws CheckError with
 * upstream's text: `Cannot find container link eth0`, `Failed to match addr 10.1.2.3/24 on
 * interface eth0`, `Failed to find Gateway 10.1.2.1 for interface eth0`.
 */
export function validateExpectedInterfaceIps(
  sock: NetlinkRequester,
  ifName: string,
  ips: readonly IpConfig100[],
): void {
  for (const ipc of ips) {
    const wanted = canonicalCidr(ipc.address) ?? ipc.address;
    const present = addressesOf(sock, ifName);
    if (!present.some((address) => address.address === wanted)) {
      throw new CheckError(
        'address-missing',
        `Failed to match addr ${wanted} on interface ${ifName}`,
      );
    }
    if (prefixRoutes(sock, ipc, ifName).length === 0) {
      throw new CheckError(
        'prefix-route-missing',
        `Failed to find Gateway ${goIp(ipc.gateway)} for interface ${ifName}`,
      );
    }
  }
}
