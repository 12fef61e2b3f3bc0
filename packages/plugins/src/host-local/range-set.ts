import type { IpFamily } from '@cni-ts/spec-types';
import { HostLocalError } from './host-local-error.ts';
import type { IpValue } from './ip-value.ts';
import {
  canonicalizeRange,
  formatRange,
  type Range,
  type RangeInput,
  rangeContains,
  rangesOverlap,
} from './range.ts';

/** A checked range set: non-overlapping ranges of one family; one address is taken from it per ADD. */
export type RangeSet = readonly Range[];

/**
 * Checks every range of a set (see canonicalizeRange), then that the set is not empty, of
 * one family and free of overlaps. Throws a HostLocalError with upstream's text.
 */
export function canonicalizeRangeSet(inputs: readonly RangeInput[]): RangeSet {
  if (inputs.length === 0) throw new HostLocalError('empty range set');
  const set: Range[] = [];
  for (const input of inputs) {
    const range = canonicalizeRange(input);
    if (set.length > 0 && set[0]?.subnet.family !== range.subnet.family) {
      throw new HostLocalError('mixed address families');
    }
    set.push(range);
  }
  for (const [i, a] of set.entries()) {
    for (const b of set.slice(i + 1)) {
      if (rangesOverlap(a, b)) {
        throw new HostLocalError(`subnets ${formatRange(a)} and ${formatRange(b)} overlap`);
      }
    }
  }
  return set;
}

/** The family of a (checked, hence non-empty) set. */
export function rangeSetFamily(set: RangeSet): IpFamily {
  return set[0]?.subnet.family ?? 4;
}

/** The first range of the set that contains `ip`, or undefined. */
export function rangeFor(set: RangeSet, ip: IpValue): Range | undefined {
  // Loops, not find/some: host-local runs in every bridge/ptp ADD, which pays for a
  // builtin's first call (issue 22).
  for (const range of set) if (rangeContains(range, ip)) return range;
  return undefined;
}

/** True when some range of the set contains `ip`. */
export function rangeSetContains(set: RangeSet, ip: IpValue): boolean {
  return rangeFor(set, ip) !== undefined;
}

/** True when a range of one set overlaps a range of the other. */
export function rangeSetsOverlap(a: RangeSet, b: RangeSet): boolean {
  for (const left of a) for (const right of b) if (rangesOverlap(left, right)) return true;
  return false;
}

/** The set as upstream prints it in messages: its ranges joined by commas. */
export function formatRangeSet(set: RangeSet): string {
  return set.map(formatRange).join(',');
}
