import { describe, expect, test } from 'bun:test';
import { injectConf } from './inject-conf.ts';
import { networkPluginConfFromBytes } from './plugin-conf-from-bytes.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('injectConf', () => {
  const conf = networkPluginConfFromBytes('{ "type": "bridge", "name": "old", "Name": "kept" }');

  test('sets keys and re-encodes with sorted keys, exact-case keys replaced only', () => {
    const out = injectConf(conf, { name: 'new', cniVersion: '1.0.0', args: { b: 1, a: 2 } });
    expect(text(out.bytes)).toBe(
      '{"Name":"kept","args":{"a":2,"b":1},"cniVersion":"1.0.0","name":"new","type":"bridge"}',
    );
    expect(out.network.cniVersion).toBe('1.0.0');
  });

  test('refuses empty keys and nil values, as upstream', () => {
    expect(() => injectConf(conf, { '': 1 })).toThrow('keys cannot be empty');
    expect(() => injectConf(conf, { x: null })).toThrow("key 'x' value must not be nil");
  });

  test('re-validates the result: type stays required', () => {
    expect(() => injectConf(conf, { type: '' })).toThrow("missing 'type'");
  });
});
