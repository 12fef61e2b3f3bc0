import { afterEach, describe, expect, test } from 'bun:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CniError } from '@cni-ts/spec-types';
import {
  type FakeCni,
  fakeCni,
  listOf,
  RUNTIME,
  result100,
  stdinOf,
} from '../../test/_fake-cni.ts';
import { networkPluginConfFromBytes } from '../conf/plugin-conf-from-bytes.ts';
import { isCacheError } from '../errors/cache-error.ts';
import { isCheckNotSupported } from '../errors/check-not-supported-error.ts';
import { isPluginError } from '../errors/plugin-error.ts';
import { passthrough } from '../testing/fake-exec.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

describe('CniConfig.checkNetworkList', () => {
  test('refuses versions before 0.4.0, even with disableCheck', async () => {
    fake = fakeCni({ a: result100() });
    const list = listOf('0.3.1', [{ type: 'a' }], { disableCheck: true });
    const error = await fake.cni.checkNetworkList(list, RUNTIME).catch((e: unknown) => e);
    expect(isCheckNotSupported(error)).toBe(true);
    expect(String(error)).toContain(
      'configuration version "0.3.1" does not support the CHECK command',
    );
  });

  test('does nothing with disableCheck', async () => {
    fake = fakeCni({ a: result100() });
    await fake.cni.checkNetworkList(
      listOf('1.0.0', [{ type: 'a' }], { disableCheck: 'true' }),
      RUNTIME,
    );
    expect(fake.exec.calls).toEqual([]);
  });

  test('runs every plugin in order with the cached result, converted to the list version', async () => {
    fake = fakeCni({
      a: { cniVersion: '0.4.0', ips: [{ version: '4', address: '10.0.0.2/24' }] },
      b: passthrough(),
    });
    const list = listOf('1.0.0', [{ type: 'a' }, { type: 'b' }]);
    await fake.cni.addNetworkList(list, RUNTIME);
    await fake.cni.checkNetworkList(list, RUNTIME);
    expect(fake.exec.commands()).toEqual(['ADD a', 'ADD b', 'CHECK a', 'CHECK b']);
    for (const call of fake.exec.calls.slice(2)) {
      expect(stdinOf(call).prevResult).toEqual({
        cniVersion: '1.0.0',
        ips: [{ address: '10.0.0.2/24' }],
        dns: {},
      });
    }
  });

  test('without a cached result, plugins get no prevResult', async () => {
    fake = fakeCni({ a: result100() });
    await fake.cni.checkNetworkList(listOf('1.0.0', [{ type: 'a' }]), RUNTIME);
    expect(stdinOf(fake.exec.calls[0]).prevResult).toBeUndefined();
  });

  test('a corrupt cache fails CHECK', async () => {
    fake = fakeCni({ a: result100() });
    mkdirSync(join(fake.cacheDir, 'results'));
    writeFileSync(join(fake.cacheDir, 'results', 'testnet-c1-eth0'), '{"kind":"cniCacheV1",');
    const error = await fake.cni
      .checkNetworkList(listOf('1.0.0', [{ type: 'a' }]), RUNTIME)
      .catch((e: unknown) => e);
    expect(isCacheError(error)).toBe(true);
    expect(String(error)).toContain('failed to get network "testnet" cached result');
  });

  test('the first failure stops it and says which plugin failed', async () => {
    fake = fakeCni({
      a: () => {
        throw new CniError(100, 'bridge is down');
      },
      b: passthrough(),
    });
    const error = await fake.cni
      .checkNetworkList(listOf('1.0.0', [{ type: 'a' }, { type: 'b' }]), RUNTIME)
      .catch((e: unknown) => e);
    expect(isPluginError(error) && [error.verb, error.code, error.message]).toEqual([
      'check',
      100,
      'plugin type="a" failed (check): bridge is down',
    ]);
    expect(fake.exec.commands()).toEqual(['CHECK a']);
  });
});

describe('CniConfig.checkNetwork', () => {
  test('gates on the config version and checks with the cached result', async () => {
    fake = fakeCni({ a: result100() });
    const old = networkPluginConfFromBytes('{"cniVersion":"0.2.0","name":"n","type":"a"}');
    expect(
      isCheckNotSupported(await fake.cni.checkNetwork(old, RUNTIME).catch((e: unknown) => e)),
    ).toBe(true);
    const conf = networkPluginConfFromBytes('{"cniVersion":"1.0.0","name":"n","type":"a"}');
    await fake.cni.addNetwork(conf, RUNTIME);
    await fake.cni.checkNetwork(conf, RUNTIME);
    expect(stdinOf(fake.exec.calls[1]).prevResult).toEqual({ ...result100(), dns: {} });
  });
});
