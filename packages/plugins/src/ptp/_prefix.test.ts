import { describe, expect, test } from 'bun:test';
import { addressOf, familyOf, hostPrefix, networkOf } from './_prefix.ts';

describe('ptp prefix helpers', () => {
  test('networkOf clears the host bits of either family', () => {
    expect(networkOf('10.244.51.2/24')).toBe('10.244.51.0/24');
    expect(networkOf('10.244.51.130/25')).toBe('10.244.51.128/25');
    expect(networkOf('10.1.2.3/32')).toBe('10.1.2.3/32');
    expect(networkOf('10.1.2.3/0')).toBe('0.0.0.0/0');
    expect(networkOf('fd00:51::2/64')).toBe('fd00:51::/64');
    expect(networkOf('fd00:51:0:1:ffff::2/52')).toBe('fd00:51::/52');
  });

  test('hostPrefix, familyOf and addressOf', () => {
    expect(hostPrefix('10.244.51.1')).toBe('10.244.51.1/32');
    expect(hostPrefix('fd00:51::1')).toBe('fd00:51::1/128');
    expect(familyOf('fd00::1/64')).toBe(6);
    expect(familyOf('10.0.0.1')).toBe(4);
    expect(addressOf('fd00:0051:0::2/64')).toBe('fd00:51::2');
    expect(() => networkOf('10.0.0.1')).toThrow(TypeError);
  });
});
