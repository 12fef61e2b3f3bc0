import { describe, expect, test } from 'bun:test';
import { familyOf, ipOf, networkOf, prefixContains } from './_prefix.ts';

describe('prefixContains', () => {
  test('compares the prefix bits of both families', () => {
    expect(prefixContains('10.1.0.0/16', '10.1.200.3')).toBe(true);
    expect(prefixContains('10.1.0.5/16', '10.1.200.3/24')).toBe(true);
    expect(prefixContains('10.1.0.0/16', '10.2.0.1')).toBe(false);
    expect(prefixContains('fd00:50::/64', 'fd00:50::4')).toBe(true);
    expect(prefixContains('fd00:50::/64', 'fd00:51::4')).toBe(false);
    expect(prefixContains('fe80::/64', 'fd00:50::1')).toBe(false);
    expect(prefixContains('10.0.0.0/8', 'fd00::1')).toBe(false);
    expect(prefixContains('0.0.0.0/0', '1.2.3.4')).toBe(true);
  });
});

describe('networkOf, ipOf, familyOf', () => {
  test('clear host bits and split addresses', () => {
    expect(networkOf('10.244.50.4/24')).toBe('10.244.50.0/24');
    expect(networkOf('fd00:50::4/64')).toBe('fd00:50::/64');
    expect(networkOf('nope')).toBeUndefined();
    expect(ipOf('10.1.2.3/24')).toBe('10.1.2.3');
    expect(ipOf('10.1.2.3')).toBe('10.1.2.3');
    expect(familyOf('10.1.2.3/24')).toBe(4);
    expect(familyOf('fd00::1')).toBe(6);
  });
});
