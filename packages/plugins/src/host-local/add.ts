import { mapItems, type PluginContext } from '@cni-ts/plugin-kit';
import type { Result100 } from '@cni-ts/spec-types';
import { type Allocation, allocateIp } from './allocator.ts';
import type { HostLocalConfig } from './config.ts';
import { HostLocalError, isHostLocalError, withPrefix } from './host-local-error.ts';
import { formatIpValue, type IpValue } from './ip-value.ts';
import { loadIpamConfig } from './ipam-config.ts';
import { rangeSetContains } from './range-set.ts';
import { readResolvConf } from './resolv-conf.ts';
import { DiskStore } from './store.ts';

/** The requested addresses, once each (upstream keys them by their text). */
function distinct(ips: readonly IpValue[]): IpValue[] {
  // As a Map keyed by text would keep them (first position, last value), without the
  // iteration builtins an exec pays for on their first call (issue 22).
  const out: IpValue[] = [];
  const at = new Map<string, number>();
  for (const ip of ips) {
    const text = formatIpValue(ip);
    const index = at.get(text);
    if (index === undefined) {
      at.set(text, out.length);
      out.push(ip);
    } else out[index] = ip;
  }
  return out;
}

/**
 * Allocates one address per range set, under the store's lock, and returns them with the
 * config's routes and the resolvConf DNS. A requested address goes to the first range set
 * that contains it; a requested address no set takes fails the ADD. On failure the addresses
 * this ADD reserved are released (upstream releases everything the attachment holds).
 */
export function addHostLocal(ctx: PluginContext<HostLocalConfig, 'IP'>): Result100 {
  const ipam = loadIpamConfig(ctx.config, ctx.cniVersion, ctx.cniArgs.IP);
  const dns = ipam.resolvConf === undefined ? undefined : readResolvConf(ipam.resolvConf);
  const store = DiskStore.create(ipam.dataDir, ipam.name);
  using _lock = store.lock();
  // A killed ADD's temporary file goes here (cheap: no file is read); an empty address
  // file a killed writer left is taken over when the allocator reaches it.
  store.removeTempFiles();
  const attachment = { containerId: ctx.containerId, ifName: ctx.ifName };
  const pending = distinct(ipam.requested);
  const allocations: Allocation[] = [];
  try {
    for (const [index, set] of ipam.ranges.entries()) {
      let wanted = -1;
      for (let i = 0; i < pending.length && wanted < 0; i++) {
        if (rangeSetContains(set, pending[i] as IpValue)) wanted = i;
      }
      const requested = wanted < 0 ? undefined : pending.splice(wanted, 1)[0];
      try {
        allocations.push(allocateIp(store, set, index, attachment, requested));
      } catch (error) {
        throw isHostLocalError(error)
          ? withPrefix(`failed to allocate for range ${index}`, error)
          : error;
      }
    }
    if (pending.length > 0) {
      throw new HostLocalError(
        `failed to allocate all requested IPs: ${pending.map(formatIpValue).join(' ')}`,
      );
    }
  } catch (error) {
    for (const { ip } of allocations) store.releaseIp(ip);
    throw error;
  }
  return {
    cniVersion: '1.1.0',
    ips: mapItems(allocations, ({ config }) => config),
    ...(ipam.routes !== undefined && ipam.routes.length > 0 ? { routes: ipam.routes } : {}),
    ...(dns === undefined ? {} : { dns }),
  };
}
