import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { foldKey, foldKeys } from './_fold-keys.ts';

/** The folding as first written: both runes replaced, then lowercased. */
function foldKeyByRegex(key: string): string {
  return key
    .replace(/\u212a/g, 'k')
    .replace(/\u017f/g, 's')
    .toLowerCase();
}

describe('foldKey', () => {
  test('agrees with the regex folding on every BMP code unit, alone and between letters', () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      for (const key of [unit, `a${unit}`, `${unit}Σ`, `Σ${unit}Σ`, `ſ${unit}K`]) {
        if (foldKey(key) !== foldKeyByRegex(key))
          throw new Error(`differs for U+${code.toString(16)}`);
      }
    }
  });

  test('folds the two runes Go folds onto ASCII letters', () => {
    expect(foldKey('\u212aEY')).toBe('key');
    expect(foldKey('\u017fUB\u017f')).toBe('subs');
    expect(foldKey('cniVersion')).toBe('cniversion');
  });
});

describe('foldKeys', () => {
  const schema = v.object({
    cniVersion: v.string(),
    ips: v.optional(v.array(v.object({ address: v.string() }))),
  });

  test('renames folded keys to the schema key, last one winning, and keeps unknown keys', () => {
    const input = { CNIVERSION: '0.4.0', cniversion: '1.0.0', IPS: [{ ADDRESS: 'a' }], other: 1 };
    expect(foldKeys(schema, input)).toEqual({
      cniVersion: '1.0.0',
      ips: [{ address: 'a' }],
      other: 1,
    });
  });

  test('gives the same answer when the folded keys of a schema are already known', () => {
    const first = foldKeys(schema, { CniVersion: 'x' });
    expect(foldKeys(schema, { CniVersion: 'x' })).toEqual(first);
    expect(first).toEqual({ cniVersion: 'x' });
  });

  test('leaves a null value for a known key unset, and exact keys as they are', () => {
    expect(foldKeys(schema, { cniVersion: null, ips: [] })).toEqual({ ips: [] });
  });
});
