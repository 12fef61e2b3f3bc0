import { describe, expect, test } from 'bun:test';
import { ip, type RangeSpec, range } from './_test-ranges.ts';
import { formatIpValue } from './ip-value.ts';
import { formatRange, rangeContains, rangesOverlap } from './range.ts';

function message(spec: RangeSpec): string {
  try {
    range(spec);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the range was accepted');
}

describe('canonicalizeRange', () => {
  test('IPv4 defaults: gateway and start are .1, the end leaves out the broadcast address', () => {
    const r = range({ subnet: '10.244.73.0/24' });
    expect(formatRange(r)).toBe('10.244.73.1-10.244.73.254');
    expect(formatIpValue(r.gateway)).toBe('10.244.73.1');
  });

  test('IPv6 defaults: the end is the last address of the subnet', () => {
    const r = range({ subnet: 'fd00:70::/126' });
    expect(formatRange(r)).toBe('fd00:70::1-fd00:70::3');
    expect(formatIpValue(r.gateway)).toBe('fd00:70::1');
  });

  test('a gateway elsewhere leaves .1 allocatable; given bounds are kept', () => {
    const r = range({
      subnet: '10.244.70.0/24',
      gateway: '10.244.70.6',
      rangeStart: '10.244.70.1',
      rangeEnd: '10.244.70.20',
    });
    expect(formatRange(r)).toBe('10.244.70.1-10.244.70.20');
    expect(formatIpValue(r.gateway)).toBe('10.244.70.6');
  });

  test('IPv4-mapped bounds count as IPv4', () => {
    const r = range({ subnet: '10.244.70.0/24', rangeStart: '::ffff:10.244.70.9' });
    expect(formatRange(r)).toBe('10.244.70.9-10.244.70.254');
  });

  test.each([
    [{ subnet: '10.244.73.0/31' }, 'Network 10.244.73.0/31 too small to allocate from'],
    [{ subnet: '10.244.73.1/32' }, 'Network 10.244.73.1/32 too small to allocate from'],
    [{ subnet: 'fd00::/127' }, 'Network fd00::/127 too small to allocate from'],
    [
      { subnet: '10.244.73.5/24' },
      'Network has host bits set. For a subnet mask of length 24 the network address is 10.244.73.0',
    ],
    [{ subnet: '::ffff:10.244.81.0/120' }, 'IPNet IP and Mask version mismatch'],
    [{}, 'IP <nil> not v4 nor v6'],
    [
      { subnet: '10.244.73.0/24', rangeStart: '10.244.74.1' },
      'RangeStart 10.244.74.1 not in network 10.244.73.0/24',
    ],
    [
      { subnet: '10.244.73.0/24', rangeStart: '10.244.73.9', rangeEnd: '10.244.73.5' },
      'RangeStart 10.244.73.9 not in network 10.244.73.0/24',
    ],
    [
      { subnet: '10.244.73.0/24', rangeEnd: 'fd00::1' },
      'RangeEnd fd00::1 not in network 10.244.73.0/24',
    ],
  ] as const)('%o fails: %s', (spec, text) => {
    expect(message(spec)).toBe(text);
  });

  test('the gateway is not checked against the subnet (upstream accepts it too)', () => {
    const r = range({ subnet: '10.244.73.0/24', gateway: '10.244.74.1' });
    expect(formatIpValue(r.gateway)).toBe('10.244.74.1');
  });
});

describe('rangeContains', () => {
  const r = range({
    subnet: '10.244.70.0/24',
    rangeStart: '10.244.70.10',
    rangeEnd: '10.244.70.20',
  });

  test('is true between start and end, inclusive', () => {
    expect(rangeContains(r, ip('10.244.70.10'))).toBe(true);
    expect(rangeContains(r, ip('10.244.70.20'))).toBe(true);
    expect(rangeContains(r, ip('::ffff:10.244.70.15'))).toBe(true);
  });

  test('is false outside the bounds, outside the subnet and for the other family', () => {
    expect(rangeContains(r, ip('10.244.70.9'))).toBe(false);
    expect(rangeContains(r, ip('10.244.70.21'))).toBe(false);
    expect(rangeContains(r, ip('10.244.71.15'))).toBe(false);
    expect(rangeContains(r, ip('::a0f4:460f'))).toBe(false);
  });
});

describe('rangesOverlap', () => {
  test('ranges sharing an address overlap, in either order', () => {
    const a = range({ subnet: '10.244.73.0/24' });
    const b = range({ subnet: '10.244.73.0/25' });
    expect(rangesOverlap(a, b)).toBe(true);
    expect(rangesOverlap(b, a)).toBe(true);
  });

  test('disjoint parts of one subnet, other subnets and other families do not', () => {
    const low = range({ subnet: '10.244.73.0/24', rangeEnd: '10.244.73.99' });
    const high = range({ subnet: '10.244.73.0/24', rangeStart: '10.244.73.100' });
    expect(rangesOverlap(low, high)).toBe(false);
    expect(rangesOverlap(low, range({ subnet: '10.244.74.0/24' }))).toBe(false);
    expect(rangesOverlap(low, range({ subnet: 'fd00::/64' }))).toBe(false);
  });
});
