import type { IpFamily } from '@cni-ts/spec-types';
import type { CommandResult } from '../command-runner.ts';
import { startTableListing } from './filter-apply.ts';

// The filter table's listings, started before a plugin's config is checked (the firewall's
// prefetch): each family's `iptables -S` runs while the skel validates, and the setup plans
// from it instead of listing again. Listing changes nothing, so a config refused after
// it has started leaves nothing behind.

/** The filter table's listing per family, as `iptables -t filter -S` gave them. */
export class FilterPrefetch {
  readonly listings: ReadonlyMap<IpFamily, CommandResult>;

  constructor(listings: ReadonlyMap<IpFamily, CommandResult>) {
    this.listings = listings;
  }
}

export function isFilterPrefetch(value: unknown): value is FilterPrefetch {
  return value instanceof FilterPrefetch;
}

/**
 * Lists the filter table of each family now, in the current namespace, all at once; the
 * promise settles when every listing has (a failed listing is kept as its result, and is
 * reported by the setup that uses it).
 */
export async function prefetchFilterListings(
  families: readonly IpFamily[],
): Promise<FilterPrefetch> {
  const started: [IpFamily, Promise<CommandResult>][] = [];
  for (const family of families) {
    const listing = startTableListing(family, 'filter');
    listing.catch(() => undefined); // awaited below; none left unhandled if one fails first
    started.push([family, listing]);
  }
  const listings = new Map<IpFamily, CommandResult>();
  for (const [family, listing] of started) listings.set(family, await listing);
  return new FilterPrefetch(listings);
}
