import { afterEach, describe, expect, test } from 'bun:test';
import { type FakeCni, fakeCni, listOf } from '../../test/_fake-cni.ts';
import { networkPluginConfFromBytes } from '../conf/plugin-conf-from-bytes.ts';
import { isMultiError } from '../errors/multi-error.ts';
import { isUnsupportedVersion } from '../errors/unsupported-version-error.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

describe('CniConfig.validateNetworkList', () => {
  test('asks every plugin for VERSION and returns the union of enabled capabilities', async () => {
    fake = fakeCni({ a: undefined, b: undefined }, ['0.4.0', '1.0.0']);
    const list = listOf('1.0.0', [
      { type: 'a', capabilities: { portMappings: true, mac: false } },
      { type: 'b', capabilities: { portMappings: true, bandwidth: true } },
    ]);
    expect(await fake.cni.validateNetworkList(list)).toEqual(['portMappings', 'bandwidth']);
    expect(fake.exec.commands()).toEqual(['VERSION a', 'VERSION b']);
  });

  test('checks every plugin and reports all problems at once', async () => {
    fake = fakeCni({ a: undefined, b: () => '{"cniVersion":"0.2.0"}' }, ['1.0.0']);
    const list = listOf('0.3.1', [{ type: 'a' }, { type: 'missing' }, { type: 'b' }]);
    const error = await fake.cni.validateNetworkList(list).catch((e: unknown) => e);
    expect(isMultiError(error)).toBe(true);
    expect(String((error as Error).message)).toBe(
      '[plugin a does not support config version "0.3.1" failed to find plugin "missing" in path [/opt/cni/bin /usr/libexec/cni] plugin b does not support config version "0.3.1"]',
    );
    expect(isMultiError(error) && isUnsupportedVersion(error.errors[0])).toBe(true);
  });
});

describe('CniConfig.validateNetwork', () => {
  test('checks one plugin; an empty version means 0.1.0', async () => {
    fake = fakeCni({ a: undefined }, ['0.1.0']);
    const conf = networkPluginConfFromBytes('{"name":"n","type":"a","capabilities":{"ips":true}}');
    expect(await fake.cni.validateNetwork(conf)).toEqual(['ips']);
    const newer = networkPluginConfFromBytes('{"cniVersion":"1.0.0","name":"n","type":"a"}');
    const error = await fake.cni.validateNetwork(newer).catch((e: unknown) => e);
    expect(isUnsupportedVersion(error) && [error.code, error.message]).toEqual([
      1,
      'plugin a does not support config version "1.0.0"',
    ]);
  });
});

describe('CniConfig.getVersionInfo', () => {
  test("returns the plugin's VERSION answer", async () => {
    fake = fakeCni({ a: undefined }, ['0.3.1', '0.4.0']);
    expect(await fake.cni.getVersionInfo('a')).toEqual({
      cniVersion: '1.1.0',
      supportedVersions: ['0.3.1', '0.4.0'],
    });
    await expect(fake.cni.getVersionInfo('zzz')).rejects.toThrow('failed to find plugin "zzz"');
  });
});
