import { CniError, CniErrorCode, type IpConfig100 } from '@cni-ts/spec-types';
import type { Netns } from '../netns/netns.ts';
import { writeSysctl } from '../sysctl/sysctl.ts';
import { goErrorText } from './_go-format.ts';

/**
 * `net.ipv4.conf.IF.arp_notify=1` when the interface gets an IPv4 address and
 * `net.ipv6.conf.IF.ndisc_notify=1` with an IPv6 one, inside `netns`, so that neighbours
 * learn a new MAC when the address moves (upstream's link plugins). A failure is code 999,
 * `failed to set net.ipv4.conf.IF.arp_notify: …`.
 */
export function enableAddressChangeNotify(
  netns: Netns,
  ifName: string,
  ips: readonly IpConfig100[],
): void {
  const keys = [
    ...(ips.some((ipc) => !ipc.address.includes(':'))
      ? [`net/ipv4/conf/${ifName}/arp_notify`]
      : []),
    ...(ips.some((ipc) => ipc.address.includes(':'))
      ? [`net/ipv6/conf/${ifName}/ndisc_notify`]
      : []),
  ];
  for (const key of keys) {
    try {
      writeSysctl(key, '1', { netns });
    } catch (error) {
      throw new CniError(
        CniErrorCode.Internal,
        `failed to set ${key.replaceAll('/', '.')}: ${goErrorText(error)}`,
        { cause: error },
      );
    }
  }
}
