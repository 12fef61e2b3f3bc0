import { describe, expect, test } from 'bun:test';
import { parseMac, randomMac } from './mac.ts';

describe('parseMac', () => {
  test.each([
    ['00:00:5e:00:53:01', '00:00:5e:00:53:01'],
    ['00-00-5E-00-53-01', '00:00:5e:00:53:01'],
    ['0000.5e00.5301', '00:00:5e:00:53:01'],
  ])('reads %s as Go does', (text, mac) => {
    expect(parseMac(text)).toBe(mac);
  });

  test.each(['', 'zz', '00:00:5e:00:53', '00:00:5e-00:53:01', '00:00:5e:00:53:01:02'])(
    'refuses %j',
    (text) => {
      expect(parseMac(text)).toBeUndefined();
    },
  );
});

describe('randomMac', () => {
  test('is a locally administered unicast address', () => {
    for (let i = 0; i < 32; i++) {
      const mac = randomMac();
      expect(parseMac(mac)).toBe(mac);
      const first = Number.parseInt(mac.slice(0, 2), 16);
      expect(first & 0x01).toBe(0);
      expect(first & 0x02).toBe(2);
    }
  });
});
