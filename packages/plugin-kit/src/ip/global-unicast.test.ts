import { describe, expect, test } from 'bun:test';
import { isGlobalUnicast } from './global-unicast.ts';

describe('isGlobalUnicast', () => {
  test('accepts unicast addresses, private ranges included, as Go does', () => {
    for (const ip of [
      '10.1.2.3/24',
      '192.168.1.1',
      '8.8.8.8',
      '240.0.0.1',
      'fd00::2/64',
      '2001:db8::1',
    ]) {
      expect(isGlobalUnicast(ip)).toBe(true);
    }
  });

  test('rejects unspecified, loopback, multicast, link-local and broadcast addresses', () => {
    for (const ip of [
      '0.0.0.0',
      '127.0.0.1/8',
      '224.0.0.1',
      '239.255.255.255',
      '169.254.1.1/16',
      '255.255.255.255',
      '::',
      '::1/128',
      'ff02::1',
      'fe80::1/64',
      'febf::1',
      'not-an-ip',
    ]) {
      expect(isGlobalUnicast(ip)).toBe(false);
    }
  });
});
