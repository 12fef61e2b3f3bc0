import { sameIp } from './ip-value.ts';
import { rangeContains } from './range.ts';
import type { RangeSet } from './range-set.ts';
import type { Reservation } from './store.ts';

/**
 * How many addresses of the set are still free: every address between each range's start
 * and end, less its gateway, less the reserved ones. (Counted, not listed: an IPv6 range
 * may hold 2^64 addresses.)
 */
export function freeAddressCount(set: RangeSet, reservations: readonly Reservation[]): bigint {
  let free = 0n;
  for (const range of set) {
    free += range.rangeEnd.value - range.rangeStart.value + 1n;
    if (rangeContains(range, range.gateway)) free -= 1n;
    for (const { ip } of reservations) {
      if (rangeContains(range, ip) && !sameIp(ip, range.gateway)) free -= 1n;
    }
  }
  return free;
}
