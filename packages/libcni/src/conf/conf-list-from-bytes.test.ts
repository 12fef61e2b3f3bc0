import { describe, expect, test } from 'bun:test';
import { isCniError } from '@cni-ts/spec-types';
import { networkConfFromBytes } from './conf-list-from-bytes.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function parseError(input: string): { code: number; msg: string } {
  try {
    networkConfFromBytes(input);
  } catch (error) {
    if (isCniError(error)) return { code: error.code, msg: error.msg };
    throw error;
  }
  throw new Error('no error');
}

describe('networkConfFromBytes', () => {
  test('keeps the list bytes as given and re-encodes each plugin as Go does', () => {
    const input =
      '{ "cniVersion": "1.0.0", "name": "n",\n "plugins": [{ "type": "b", "z": 1, "a": {"y": 2, "x": 1e21} }] }';
    const list = networkConfFromBytes(input);
    expect(text(list.bytes)).toBe(input);
    expect(list.plugins.map((plugin) => text(plugin.bytes))).toEqual([
      '{"a":{"x":1e+21,"y":2},"type":"b","z":1}',
    ]);
    expect(list.plugins[0]?.network.type).toBe('b');
  });

  test('reads the flags as bools or "true"/"false" strings', () => {
    const list = networkConfFromBytes(
      '{"name":"n","disableCheck":"TRUE","disableGC":true,"loadOnlyInlinedPlugins":"false","plugins":[{"type":"x"}]}',
    );
    expect([list.disableCheck, list.disableGC, list.loadOnlyInlinedPlugins]).toEqual([
      true,
      true,
      false,
    ]);
  });

  test('picks the highest supported version of cniVersion and cniVersions', () => {
    const list = networkConfFromBytes(
      '{"name":"n","cniVersion":"0.4.0","cniVersions":["1.0.0","9.9.9","0.3.1"],"plugins":[{"type":"x"}]}',
    );
    expect(list.cniVersion).toBe('1.0.0');
    expect(
      networkConfFromBytes('{"name":"n","cniVersion":"7.0.0","plugins":[{"type":"x"}]}').cniVersion,
    ).toBe('7.0.0');
  });

  test('allows a list without plugins (the drop-ins may provide them)', () => {
    expect(networkConfFromBytes('{"name":"n","cniVersion":"1.0.0"}').plugins).toEqual([]);
  });

  test('rejects bad input with a code and the key path', () => {
    expect(parseError('{"name":"n","plugins":[]}').msg).toContain('no plugins in list');
    expect(parseError('{"name":"n","loadOnlyInlinedPlugins":true}').msg).toContain(
      'required when loadOnlyInlinedPlugins is true',
    );
    expect(parseError('{"name":"n","plugins":[{"type":"a"},{"bridge":"x"}]}')).toMatchObject({
      code: 7,
      msg: expect.stringContaining('plugins[1].type'),
    });
    expect(parseError('{"plugins":[{"type":"a"}]}').msg).toContain('name');
    expect(
      parseError('{"name":"n","disableCheck":"maybe","plugins":[{"type":"a"}]}').msg,
    ).toContain('disableCheck');
    expect(parseError('{"name":"n",')).toMatchObject({ code: 6 });
    expect(parseError('{"name":"n","cniVersions":["1.x"],"plugins":[{"type":"a"}]}').msg).toContain(
      'cniVersions[0]',
    );
  });
});
