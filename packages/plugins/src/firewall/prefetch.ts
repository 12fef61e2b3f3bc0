import {
  busMayBeReachable,
  type Prefetch,
  prefetchFilterListings,
  systemBusAddress,
} from '@cni-ts/plugin-kit';
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
 * The families whose filter table an ADD will plan iptables rules in: the iptables backend
 * (named, or chosen because no bus can be there: the system bus is a `unix:path=` socket
 * that does not exist, so firewalld cannot own its name), or an isolating ingressPolicy on
 * any backend but nftables (firewalld's isolation rules are iptables rules too). With no
 * backend named, a bus that may be there and an open policy, the choice waits for
 * firewalld's answer, so none: nothing is started that may go unused. Read from the config
 * as it came, before it is checked; `env` is where the bus is looked for.
 */
export function prefetchFamilies(
  command: string,
  raw: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): IpFamily[] {
  if (command !== 'ADD') return [];
  const backend = goField(raw, 'backend');
  const policy = goField(raw, 'ingressPolicy');
  const isolating = policy === 'same-bridge' || policy === 'isolated';
  const chosen = backend === undefined || backend === '';
  const iptables = backend === 'iptables' || (chosen && !busMayBeReachable(systemBusAddress(env)));
  if (!iptables && (backend === 'nftables' || !isolating)) return [];
  return prevResultFamilies(goField(raw, 'prevResult'));
}

/** The filter table's listing per family of {@link prefetchFamilies}, started now. */
export const prefetchFirewall: Prefetch = (command, raw) => {
  const families = prefetchFamilies(command, raw);
  return families.length === 0 ? undefined : prefetchFilterListings(families);
};
