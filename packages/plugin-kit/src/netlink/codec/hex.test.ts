import { expect, test } from 'bun:test';
import { bytesOfHexPairs, formatHex, sameBytes } from './hex.ts';

test('formatHex writes lowercase pairs with the separator between them', () => {
  expect(formatHex(Uint8Array.of(0x0a, 0xbc, 0xff, 0))).toBe('0abcff00');
  expect(formatHex(Uint8Array.of(0x0a, 0xbc), ':')).toBe('0a:bc');
  expect(formatHex(new Uint8Array(0), ':')).toBe('');
});

test('bytesOfHexPairs reads pairs in either case', () => {
  expect([...bytesOfHexPairs(['0a', 'BC', 'ff'])]).toEqual([0x0a, 0xbc, 0xff]);
});

test('sameBytes compares length and content', () => {
  expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
  expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
  expect(sameBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
});
