import { describe, expect, test } from 'bun:test';
import { uniqueItems } from './unique-items.ts';

describe('uniqueItems', () => {
  test('gives what spreading a Set gives', () => {
    const items = ['b', 'a', 'b', 'c', 'a', ''];
    expect(uniqueItems(items)).toEqual([...new Set(items)]);
    expect(uniqueItems([])).toEqual([]);
  });
});
