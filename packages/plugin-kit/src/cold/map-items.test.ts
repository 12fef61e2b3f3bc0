import { describe, expect, test } from 'bun:test';
import { mapItems } from './map-items.ts';

describe('mapItems', () => {
  test('gives what Array.prototype.map gives, with the index', () => {
    const items = ['a', 'b', 'c'];
    expect(mapItems(items, (item, i) => `${item}${i}`)).toEqual(
      items.map((item, i) => `${item}${i}`),
    );
    expect(mapItems([], () => 1)).toEqual([]);
  });
});
