import { describe, expect, test } from 'bun:test';
import { compareGoStrings, sortKeysDeep } from './_map-order.ts';

describe('compareGoStrings', () => {
  test('orders by UTF-8 bytes: uppercase before lowercase, astral after U+FFFD', () => {
    const keys = ['b', 'a', 'Z', '\u{1F600}', '\uFFFD', 'aa'];
    expect([...keys].sort(compareGoStrings)).toEqual(['Z', 'a', 'aa', 'b', '\uFFFD', '\u{1F600}']);
  });
});

describe('sortKeysDeep', () => {
  test('sorts every level and keeps arrays in order', () => {
    const sorted = sortKeysDeep({ b: 1, a: [{ y: 1, x: 2 }], c: { e: 1, d: 2 } });
    expect(JSON.stringify(sorted)).toBe('{"a":[{"x":2,"y":1}],"b":1,"c":{"d":2,"e":1}}');
  });

  test('keeps the order of objects marked as structs, visiting their children', () => {
    const struct = { z: 1, a: { y: 1, x: 1 } };
    const sorted = sortKeysDeep({ b: struct, a: 1 }, (object) => object === struct);
    expect(JSON.stringify(sorted)).toBe('{"a":1,"b":{"z":1,"a":{"x":1,"y":1}}}');
  });
});
