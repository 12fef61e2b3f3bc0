import { describe, expect, test } from 'bun:test';
import { goField } from './go-field.ts';

describe('goField', () => {
  test('matches keys as Go does: any case, the last match wins, null leaves it unset', () => {
    expect(goField({ CNIVERSION: '0.4.0', cniVersion: '1.0.0' }, 'cniVersion')).toBe('1.0.0');
    expect(goField({ cniVersion: '1.0.0', CniVersion: null }, 'cniVersion')).toBe('1.0.0');
    expect(goField({ name: 'x' }, 'cniVersion')).toBeUndefined();
  });

  test('folds U+017F and U+212A onto s and k', () => {
    expect(goField({ 'plugin\u017f': [1] }, 'plugins')).toEqual([1]);
    expect(goField({ '\u212aind': 'v' }, 'kind')).toBe('v');
  });
});
