import { describe, expect, test } from 'bun:test';
import { goQuote, SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { cniErrorOf } from './_test-helpers.ts';
import { checkVersionGates, reconcileVersion } from './gates.ts';

// What the Go plugins of Debian's containernetworking-plugins 1.1.1 support.
const GO_PLUGIN_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'];

describe('reconcileVersion', () => {
  test('accepts a version the plugin supports exactly', () => {
    for (const version of SUPPORTED_VERSIONS) reconcileVersion(version, SUPPORTED_VERSIONS);
  });

  test('refuses anything else with code 1 and details as Go prints them', () => {
    // Recorded from the Go loopback plugin with cniVersion 1.1.0.
    expect(cniErrorOf(() => reconcileVersion('1.1.0', GO_PLUGIN_VERSIONS))).toEqual({
      code: 1,
      msg: 'incompatible CNI versions',
      details:
        'config is "1.1.0", plugin supports ["0.1.0" "0.2.0" "0.3.0" "0.3.1" "0.4.0" "1.0.0"]',
    });
  });

  test('has no numeric leniency: 1.0 is not 1.0.0', () => {
    expect(cniErrorOf(() => reconcileVersion('1.0', ['1.0.0'])).details).toBe(
      'config is "1.0", plugin supports ["1.0.0"]',
    );
  });
});

describe('checkVersionGates', () => {
  test('ADD and DEL only need the exact match', () => {
    checkVersionGates('ADD', '0.1.0', SUPPORTED_VERSIONS);
    checkVersionGates('DEL', '0.2.0', SUPPORTED_VERSIONS);
    expect(cniErrorOf(() => checkVersionGates('DEL', 'x.1', ['1.0.0'])).code).toBe(1);
  });

  test('CHECK needs a config version of at least 0.4.0', () => {
    checkVersionGates('CHECK', '0.4.0', SUPPORTED_VERSIONS);
    expect(cniErrorOf(() => checkVersionGates('CHECK', '0.3.1', SUPPORTED_VERSIONS))).toEqual({
      code: 1,
      msg: 'config version does not allow CHECK',
    });
  });

  test('CHECK needs a plugin version at least as new as the config', () => {
    expect(cniErrorOf(() => checkVersionGates('CHECK', '1.0.0', ['0.3.1', '0.4.0']))).toEqual({
      code: 1,
      msg: 'plugin version does not allow CHECK',
    });
  });

  test('CHECK then needs the exact match', () => {
    expect(cniErrorOf(() => checkVersionGates('CHECK', '0.4.0', ['1.0.0']))).toEqual({
      code: 1,
      msg: 'incompatible CNI versions',
      details: 'config is "0.4.0", plugin supports ["1.0.0"]',
    });
  });

  for (const command of ['GC', 'STATUS'] as const) {
    test(`${command} needs a config version of at least 1.1.0`, () => {
      checkVersionGates(command, '1.1.0', SUPPORTED_VERSIONS);
      expect(cniErrorOf(() => checkVersionGates(command, '1.0.0', SUPPORTED_VERSIONS))).toEqual({
        code: 1,
        msg: `config version does not allow ${command}`,
      });
    });

    test(`${command} needs a plugin version of at least the config's`, () => {
      expect(cniErrorOf(() => checkVersionGates(command, '1.1.0', GO_PLUGIN_VERSIONS))).toEqual({
        code: 1,
        msg: `plugin version does not allow ${command}`,
      });
    });
  }

  test('an unparsable config version is code 6 where versions are compared', () => {
    expect(cniErrorOf(() => checkVersionGates('CHECK', 'x.1', SUPPORTED_VERSIONS)).code).toBe(6);
    expect(cniErrorOf(() => checkVersionGates('GC', '1.1.0.0', SUPPORTED_VERSIONS)).code).toBe(6);
  });
});

describe('goQuote', () => {
  test('quotes as Go %q does', () => {
    expect(goQuote('1.1.0')).toBe('"1.1.0"');
    expect(goQuote('')).toBe('""');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\n\t\u0007\u0000\u007f')).toBe('"\\n\\t\\a\\x00\\x7f"');
    expect(goQuote('é✓')).toBe('"é✓"');
    expect(goQuote('\u00a0\u200b')).toBe('"\\u00a0\\u200b"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
    expect(goQuote('\ud800')).toBe('"\ufffd"');
  });
});
