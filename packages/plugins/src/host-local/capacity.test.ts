import { describe, expect, test } from 'bun:test';
import { ip, rangeSet } from './_test-ranges.ts';
import { freeAddressCount } from './capacity.ts';
import type { Reservation } from './store.ts';

const held = (...ips: string[]): Reservation[] =>
  ips.map((text) => ({ ip: ip(text), path: `/x/${text}`, containerId: 'c', ifName: 'eth0' }));

describe('freeAddressCount', () => {
  const set = rangeSet(
    { subnet: '10.244.70.0/29', gateway: '10.244.70.6' },
    { subnet: '10.244.71.0/30' },
  );

  test('counts every address between start and end but the gateways', () => {
    expect(freeAddressCount(set, [])).toBe(6n);
  });

  test('subtracts reservations inside the set only', () => {
    expect(freeAddressCount(set, held('10.244.70.1', '10.244.71.2', '10.244.72.1'))).toBe(4n);
    expect(
      freeAddressCount(
        set,
        held(
          '10.244.70.1',
          '10.244.70.2',
          '10.244.70.3',
          '10.244.70.4',
          '10.244.70.5',
          '10.244.71.2',
        ),
      ),
    ).toBe(0n);
  });

  test('a gateway outside the range is not subtracted; IPv6 counts are exact', () => {
    expect(freeAddressCount(rangeSet({ subnet: '10.1.0.0/24', gateway: '10.1.1.1' }), [])).toBe(
      254n,
    );
    expect(freeAddressCount(rangeSet({ subnet: 'fd00::/64' }), [])).toBe(2n ** 64n - 2n);
  });
});
