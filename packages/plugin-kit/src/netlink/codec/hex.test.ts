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

test('sameBytes on long views: every byte counts, wherever the views start', () => {
  const backing = new Uint8Array(512);
  for (let i = 0; i < backing.length; i++) backing[i] = (i * 7) & 255;
  for (const length of [17, 168, 300]) {
    const view = backing.subarray(5, 5 + length);
    const copy = new Uint8Array(view);
    expect(sameBytes(view, copy)).toBe(true);
    for (const at of [0, length >> 1, length - 1]) {
      const changed = new Uint8Array(view);
      changed[at] = ((changed[at] ?? 0) + 1) & 255;
      expect({ length, at, same: sameBytes(view, changed) }).toEqual({ length, at, same: false });
    }
    expect(sameBytes(view, backing.subarray(6, 6 + length))).toBe(false);
  }
});
