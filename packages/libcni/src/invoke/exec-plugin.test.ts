import { describe, expect, test } from 'bun:test';
import { parsePluginResult } from './exec-plugin.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const conf = (version: string) => bytes(JSON.stringify({ cniVersion: version, type: 'x' }));

describe('parsePluginResult', () => {
  test("a result without cniVersion takes the config's version", () => {
    const result = parsePluginResult(conf('1.0.0'), bytes('{"ips":[{"address":"10.0.0.2/24"}]}'));
    expect(result).toEqual({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24' }], dns: {} });
  });

  test('a result with its own version is taken as it is, not converted', () => {
    const result = parsePluginResult(conf('1.0.0'), bytes('{"cniVersion":"0.3.1","ips":[]}'));
    expect(result.cniVersion).toBe('0.3.1');
  });

  test('null is an empty result; a config without version means 0.1.0', () => {
    expect(parsePluginResult(conf('1.1.0'), bytes('null'))).toEqual({
      cniVersion: '1.1.0',
      dns: {},
    });
    expect(parsePluginResult(bytes('{"type":"x"}'), bytes('{}')).cniVersion).toBe('0.1.0');
  });

  test("fails with upstream's texts", () => {
    expect(() => parsePluginResult(conf('1.0.0'), bytes(''))).toThrow(
      'failed to unmarshal raw result: unexpected end of JSON input',
    );
    expect(() => parsePluginResult(conf('1.0.0'), bytes('[]'))).toThrow(
      'failed to unmarshal raw result: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(() => parsePluginResult(conf('1.0.0'), bytes('{"cniVersion":"2.0.0"}'))).toThrow(
      'unsupported CNI result version "2.0.0"',
    );
    expect(() => parsePluginResult(bytes('{'), bytes('{}'))).toThrow(
      'decoding version from network config: unexpected end of JSON input',
    );
  });
});
