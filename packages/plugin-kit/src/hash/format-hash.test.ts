import { describe, expect, test } from 'bun:test';
import { formatHashWithPrefix, MAX_HASH_LENGTH, sha512Hex } from './format-hash.ts';

describe('sha512Hex', () => {
  test('hashes the UTF-8 bytes', () => {
    expect(sha512Hex('')).toBe(
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    );
    expect(sha512Hex('é')).toBe(sha512Hex('\u00e9'));
    expect(sha512Hex('é')).not.toBe(sha512Hex('e\u0301'));
  });
});

describe('formatHashWithPrefix', () => {
  test('starts with the prefix and has the asked length', () => {
    for (const prefix of ['AAA', 'foo', 'bar']) {
      expect(formatHashWithPrefix(10, prefix, 'some string').startsWith(prefix)).toBe(true);
    }
    for (const length of [5, 10, 15, MAX_HASH_LENGTH]) {
      expect(formatHashWithPrefix(length, 'AAA', 'some string')).toHaveLength(length);
    }
  });

  test('is the hex digest after the prefix', () => {
    expect(formatHashWithPrefix(16, '', 'pur-brnet')).toBe(sha512Hex('pur-brnet').slice(0, 16));
    expect(formatHashWithPrefix(20, 'bwp', 'x')).toBe(`bwp${sha512Hex('x').slice(0, 17)}`);
  });

  test('gives distinct values for a thousand inputs at 8 characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(formatHashWithPrefix(8, '', `string ${i}`));
    expect(seen.size).toBe(1000);
  });

  test('throws RangeError("invalid length") as upstream panics', () => {
    expect(() => formatHashWithPrefix(3, 'AAA', 'some string')).toThrow('invalid length');
    expect(() => formatHashWithPrefix(0, '', 'some string')).toThrow(RangeError);
    expect(() => formatHashWithPrefix(MAX_HASH_LENGTH + 1, '', 'x')).toThrow(RangeError);
    expect(() => formatHashWithPrefix(2.5, '', 'x')).toThrow(RangeError);
  });
});
