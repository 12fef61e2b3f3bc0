import { describe, expect, test } from 'bun:test';
import { parseGoMac } from './parse-go-mac.ts';

describe('parseGoMac', () => {
  test("takes Go's 48-bit forms, any case, and gives lowercase colon form", () => {
    for (const text of ['02:AA:bb:00:53:01', '02-aa-bb-00-53-01', '02aa.bb00.5301']) {
      expect(parseGoMac(text)).toBe('02:aa:bb:00:53:01');
    }
  });

  test('refuses anything else', () => {
    for (const text of ['zz', '', '02:aa:bb:00:53', '02:aa-bb:00:53:01', '02:aa:bb:00:53:01:02']) {
      expect(parseGoMac(text)).toBeUndefined();
    }
  });
});
