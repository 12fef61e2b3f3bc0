import { describe, expect, test } from 'bun:test';
import { CniErrorCode } from '../errors/codes.ts';
import { compareVersions, negotiateVersion, parseVersion, versionAtLeast } from './version.ts';
import { CURRENT_VERSION, SUPPORTED_VERSIONS, versionsStartingFrom } from './versions.ts';

describe('parseVersion', () => {
  test('treats the empty string as 0.1.0', () => {
    expect(parseVersion('')).toEqual([0, 1, 0]);
  });

  test('fills missing parts with zero when given one or two parts', () => {
    expect(parseVersion('1')).toEqual([1, 0, 0]);
    expect(parseVersion('1.0')).toEqual([1, 0, 0]);
  });

  test('rejects four parts and non-numeric parts with code 6', () => {
    expect(() => parseVersion('1.0.0.0')).toThrow(
      expect.objectContaining({ code: CniErrorCode.DecodingFailure }),
    );
    expect(() => parseVersion('1.x.0')).toThrow(
      expect.objectContaining({ msg: 'invalid version "1.x.0"' }),
    );
    expect(() => parseVersion('1..0')).toThrow();
  });
});

describe('compareVersions', () => {
  test('compares numerically when parts have several digits', () => {
    expect(compareVersions('0.10.0', '0.4.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.3.1', '0.4.0')).toBeLessThan(0);
    expect(versionAtLeast('1.1.0', '0.4.0')).toBe(true);
  });

  test('orders the supported versions as listed', () => {
    expect([...SUPPORTED_VERSIONS].reverse().sort(compareVersions)).toEqual([
      ...SUPPORTED_VERSIONS,
    ]);
    expect(CURRENT_VERSION).toBe('1.1.0');
    expect(versionsStartingFrom('0.4.0')).toEqual(['0.4.0', '1.0.0', '1.1.0']);
  });
});

describe('negotiateVersion', () => {
  test('uses cniVersion verbatim when cniVersions is absent', () => {
    expect(negotiateVersion('1.0.0')).toBe('1.0.0');
    expect(negotiateVersion('9.9.9')).toBe('9.9.9');
    expect(negotiateVersion(undefined)).toBe('');
  });

  test('picks the highest version up to 1.1.0 from both keys', () => {
    expect(negotiateVersion('0.4.0', ['1.0.0', '1.1.0', '2.0.0'])).toBe('1.1.0');
    expect(negotiateVersion('1.0.0', ['0.3.1'])).toBe('1.0.0');
    expect(negotiateVersion('3.0.0', ['0.3.1', '0.4.0'])).toBe('0.4.0');
  });

  test('gives the empty string when nothing is acceptable', () => {
    expect(negotiateVersion(undefined, [])).toBe('');
    expect(negotiateVersion('', ['2.0.0'])).toBe('');
  });

  test('fails on an unparsable entry', () => {
    expect(() => negotiateVersion('1.0.0', ['1.0.0', 'x'])).toThrow(
      expect.objectContaining({ code: 6 }),
    );
  });

  test('keeps only what the plugins support when given their versions', () => {
    const goPlugins = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'];
    expect(negotiateVersion('1.1.0', ['1.0.0', '1.1.0'], { supported: goPlugins })).toBe('1.0.0');
  });
});

describe('parseVersion parts, a loop for /^[+-]?d+$/', () => {
  test('accepts and refuses the parts the regular expression did', () => {
    const parts = [
      '0',
      '1',
      '10',
      '+1',
      '-1',
      '+',
      '-',
      '',
      '1a',
      ' 1',
      '1 ',
      '١',
      '１',
      '+-1',
      '01',
    ];
    for (const part of parts) {
      const text = `1.${part}.0`;
      let accepted = true;
      try {
        parseVersion(text);
      } catch {
        accepted = false;
      }
      expect([text, accepted]).toEqual([text, /^[+-]?\d+$/.test(part)]);
    }
  });
});
