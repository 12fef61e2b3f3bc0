import { describe, expect, test } from 'bun:test';
import { ip, type RangeSpec, rangeSet } from './_test-ranges.ts';
import { formatRange } from './range.ts';
import { formatRangeSet, rangeFor, rangeSetFamily, rangeSetsOverlap } from './range-set.ts';

function message(...specs: RangeSpec[]): string {
  try {
    rangeSet(...specs);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the range set was accepted');
}

describe('canonicalizeRangeSet', () => {
  test('keeps the ranges in order and prints them joined by commas', () => {
    const set = rangeSet(
      { subnet: '10.244.70.0/29', gateway: '10.244.70.6' },
      { subnet: '10.244.71.0/30' },
    );
    expect(formatRangeSet(set)).toBe('10.244.70.1-10.244.70.6,10.244.71.1-10.244.71.2');
    expect(rangeSetFamily(set)).toBe(4);
  });

  test('refuses an empty set, mixed families and overlaps with upstream texts', () => {
    expect(message()).toBe('empty range set');
    expect(message({ subnet: '10.244.73.0/24' }, { subnet: 'fd00::/64' })).toBe(
      'mixed address families',
    );
    expect(message({ subnet: '10.244.73.0/24' }, { subnet: '10.244.73.0/25' })).toBe(
      'subnets 10.244.73.1-10.244.73.254 and 10.244.73.1-10.244.73.126 overlap',
    );
  });

  test('passes on a range error unchanged', () => {
    expect(message({ subnet: '10.244.73.0/24' }, { subnet: '10.244.74.0/31' })).toBe(
      'Network 10.244.74.0/31 too small to allocate from',
    );
  });
});

describe('rangeFor', () => {
  const set = rangeSet({ subnet: '10.244.70.0/29' }, { subnet: '10.244.71.0/30' });

  test('finds the range holding an address', () => {
    const found = rangeFor(set, ip('10.244.71.2'));
    expect(found === undefined ? undefined : formatRange(found)).toBe('10.244.71.1-10.244.71.2');
  });

  test('finds nothing for a broadcast address or another subnet', () => {
    expect(rangeFor(set, ip('10.244.71.3'))).toBeUndefined();
    expect(rangeFor(set, ip('10.244.72.1'))).toBeUndefined();
  });
});

describe('rangeSetsOverlap', () => {
  test('is true when any two ranges overlap', () => {
    const a = rangeSet({ subnet: '10.244.70.0/24' }, { subnet: '10.244.71.0/24' });
    expect(rangeSetsOverlap(a, rangeSet({ subnet: '10.244.71.128/25' }))).toBe(true);
    expect(rangeSetsOverlap(a, rangeSet({ subnet: '10.244.72.0/24' }))).toBe(false);
  });
});
