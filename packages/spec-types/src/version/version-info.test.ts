import { describe, expect, test } from 'bun:test';
import { encodeJson } from '../json/encode-json.ts';
import { stringifyVersionInfo } from './stringify-version-info.ts';
import { parseVersionInfo } from './version-info.ts';

describe('stringifyVersionInfo', () => {
  test('prints compact JSON with cniVersion 1.1.0 and a newline, as skel does', () => {
    expect(stringifyVersionInfo(['0.3.0', '1.0.0'])).toBe(
      '{"cniVersion":"1.1.0","supportedVersions":["0.3.0","1.0.0"]}\n',
    );
  });

  test("writes any string as Go's encoder does (HTML-safe escapes, control characters)", () => {
    const odd = ['1.0.0-rc<1>&x', 'a"b\\c', 'tab\there', 'é', '\u2028', '0.4.0'];
    for (const version of odd) {
      expect(stringifyVersionInfo([version, '1.1.0'])).toBe(
        `${encodeJson({ cniVersion: '1.1.0', supportedVersions: [version, '1.1.0'] })}\n`,
      );
    }
    expect(stringifyVersionInfo(['1.0.0-rc<1>'])).toContain('"1.0.0-rc\\u003c1\\u003e"');
  });
});

describe('parseVersionInfo', () => {
  test('reads the output of the Go plugins', () => {
    const out =
      '{"cniVersion":"1.0.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0"]}';
    expect(parseVersionInfo(out).supportedVersions).toHaveLength(6);
  });

  test('applies the 0.2.0 legacy rule when supportedVersions is missing', () => {
    expect(parseVersionInfo('{"cniVersion":"0.2.0"}')).toEqual({
      cniVersion: '0.2.0',
      supportedVersions: ['0.1.0', '0.2.0'],
    });
  });

  test('fails with code 6 when supportedVersions is missing otherwise', () => {
    expect(() => parseVersionInfo('{"cniVersion":"0.3.0"}')).toThrow(
      expect.objectContaining({ code: 6 }),
    );
    expect(() => parseVersionInfo('nope')).toThrow(expect.objectContaining({ code: 6 }));
  });
});
