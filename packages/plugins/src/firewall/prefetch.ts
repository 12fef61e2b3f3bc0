import { type Prefetch, prefetchFilterListings } from '@cni-ts/plugin-kit';
import { goField, type IpFamily } from '@cni-ts/spec-types';

// The firewall's prefetch (see plugin-kit's Prefetch): an ADD that will plan iptables rules
// starts `iptables -t filter -S` for each family of prevResult's addresses before the skel
// checks the config, so that the listing runs while the config and prevResult are checked.

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The families of prevResult's addresses as the config came (nothing when it is malformed). */
function prevResultFamilies(prevResult: unknown): IpFamily[] {
  const ips = isRecord(prevResult) ? goField(prevResult, 'ips') : undefined;
  if (!Array.isArray(ips)) return [];
  const families: IpFamily[] = [];
  for (const ip of ips) {
    const address = isRecord(ip) ? goField(ip, 'address') : undefined;
    if (typeof address !== 'string') continue;
    const family: IpFamily = address.includes(':') ? 6 : 4;
    if (!families.includes(family)) families.push(family);
  }
  return families;
}

/**
 * ADD on the iptables backend, named or the default (which is iptables unless firewalld
 * runs; firewalld's isolation rules are iptables rules too): the filter table's listing per
 * family. Anything else: none.
 */
export const prefetchFirewall: Prefetch = (command, raw) => {
  if (command !== 'ADD') return undefined;
  const backend = goField(raw, 'backend');
  if (backend !== undefined && backend !== '' && backend !== 'iptables') return undefined;
  const families = prevResultFamilies(goField(raw, 'prevResult'));
  return families.length === 0 ? undefined : prefetchFilterListings(families);
};
