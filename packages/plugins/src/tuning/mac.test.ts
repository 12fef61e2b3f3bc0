import { describe, expect, test } from 'bun:test';
import { parseMac } from './mac.ts';

describe('parseMac (Go net.ParseMAC, 48-bit forms)', () => {
  test('colon, dash and dotted forms in any case', () => {
    expect(parseMac('02:AA:bb:cc:dd:01')).toBe('02:aa:bb:cc:dd:01');
    expect(parseMac('02-aa-bb-cc-dd-01')).toBe('02:aa:bb:cc:dd:01');
    expect(parseMac('02aa.bbcc.dd01')).toBe('02:aa:bb:cc:dd:01');
  });

  test('anything else is undefined', () => {
    for (const text of ['zz', '02:aa:bb:cc:dd', '02:aa-bb:cc:dd:01', '2:aa:bb:cc:dd:01', '']) {
      expect(parseMac(text)).toBeUndefined();
    }
  });
});
