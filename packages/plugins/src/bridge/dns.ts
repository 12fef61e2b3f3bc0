import type { Dns } from '@cni-ts/spec-types';

/**
 * The config's `dns` when it counts as set, as upstream's dnsConfSet judges it (any list
 * present, even empty, or a non-empty domain); it then replaces the IPAM plugin's DNS.
 */
export function dnsOverride(dns: Dns | undefined): Dns | undefined {
  if (dns === undefined) return undefined;
  const set =
    dns.nameservers !== undefined ||
    dns.search !== undefined ||
    dns.options !== undefined ||
    (dns.domain !== undefined && dns.domain !== '');
  return set ? dns : undefined;
}
