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
import { isPluginError } from '../errors/plugin-error.ts';
import { FakeExec, passthrough } from '../testing/fake-exec.ts';
import { CniConfig } from './cni-config.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

function putCache(content: string): void {
  mkdirSync(join(fake.cacheDir, 'results'), { recursive: true });
  writeFileSync(join(fake.cacheDir, 'results', 'testnet-c1-eth0'), content);
}

describe('CniConfig.delNetworkList', () => {
  test('runs the plugins in reverse order with the cached result, then forgets it', async () => {
    fake = fakeCni({ a: result100(), b: passthrough(), c: passthrough() });
    const list = listOf('1.0.0', [{ type: 'a' }, { type: 'b' }, { type: 'c' }]);
    await fake.cni.addNetworkList(list, RUNTIME);
    await fake.cni.delNetworkList(list, RUNTIME);
    expect(fake.exec.commands().slice(3)).toEqual(['DEL c', 'DEL b', 'DEL a']);
    for (const call of fake.exec.calls.slice(3)) {
      expect(stdinOf(call).prevResult).toEqual({ ...result100(), dns: {} });
      expect(call.env.CNI_COMMAND).toBe('DEL');
    }
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
  });

  test('passes no prevResult before 0.4.0', async () => {
    fake = fakeCni({ a: { cniVersion: '0.3.1', ips: [{ version: '4', address: '10.0.0.2/24' }] } });
    const list = listOf('0.3.1', [{ type: 'a' }]);
    await fake.cni.addNetworkList(list, RUNTIME);
    await fake.cni.delNetworkList(list, RUNTIME);
    expect(stdinOf(fake.exec.calls[1]).prevResult).toBeUndefined();
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
  });

  test('a failing plugin stops DEL and keeps the cache for a retry', async () => {
    let fail = true;
    fake = fakeCni({
      a: result100(),
      b: (call) => {
        if (call.command === 'DEL' && fail) throw new CniError(11, 'busy');
        return passthrough()(call);
      },
    });
    const list = listOf('1.0.0', [{ type: 'a' }, { type: 'b' }]);
    await fake.cni.addNetworkList(list, RUNTIME);
    const error = await fake.cni.delNetworkList(list, RUNTIME).catch((e: unknown) => e);
    expect(isPluginError(error) && error.message).toBe('plugin type="b" failed (delete): busy');
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeDefined();
    fail = false;
    await fake.cni.delNetworkList(list, RUNTIME);
    expect(stdinOf(fake.exec.calls.at(-1)).prevResult).toEqual({ ...result100(), dns: {} });
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
  });

  test('DEL twice: the second runs without prevResult and succeeds', async () => {
    fake = fakeCni({ a: result100() });
    const list = listOf('1.0.0', [{ type: 'a' }]);
    await fake.cni.addNetworkList(list, RUNTIME);
    await fake.cni.delNetworkList(list, RUNTIME);
    await fake.cni.delNetworkList(list, RUNTIME);
    expect(fake.exec.commands()).toEqual(['ADD a', 'DEL a', 'DEL a']);
    expect(stdinOf(fake.exec.calls[2]).prevResult).toBeUndefined();
    expect(fake.warnings).toEqual([]);
  });

  for (const [what, content] of [
    ['an empty', ''],
    ['a truncated', '{"kind":"cniCacheV1","containerId":"c1","res'],
    ['an unconvertible', '{"kind":"cniCacheV1","result":{"cniVersion":"9.9.9"}}'],
  ] as const) {
    test(`${what} cache file does not block DEL: it proceeds without prevResult and warns`, async () => {
      fake = fakeCni({ a: result100() });
      putCache(content);
      await fake.cni.delNetworkList(listOf('1.0.0', [{ type: 'a' }]), RUNTIME);
      expect(fake.exec.commands()).toEqual(['DEL a']);
      expect(stdinOf(fake.exec.calls[0]).prevResult).toBeUndefined();
      expect(fake.warnings).toHaveLength(1);
      expect(fake.warnings[0]).toContain(
        'DEL of network "testnet" (container "c1", interface "eth0") proceeds without prevResult',
      );
      expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
    });
  }

  test('a corrupt cache file is kept when the DEL fails (nothing is lost)', async () => {
    fake = fakeCni({
      a: () => {
        throw new CniError(11, 'busy');
      },
    });
    putCache('{"kind":"cniCacheV1",');
    await expect(
      fake.cni.delNetworkList(listOf('1.0.0', [{ type: 'a' }]), RUNTIME),
    ).rejects.toThrow('busy');
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBe('{"kind":"cniCacheV1",');
  });

  test('the default warning goes to the stderr sink', async () => {
    fake = fakeCni({});
    const chunks: Uint8Array[] = [];
    const cni = new CniConfig({
      path: ['/bin'],
      cacheDir: fake.cacheDir,
      exec: new FakeExec({ plugins: { a: undefined } }),
      stderr: { write: (chunk) => void chunks.push(chunk) },
    });
    putCache('');
    await cni.delNetworkList(listOf('1.0.0', [{ type: 'a' }]), RUNTIME);
    expect(Buffer.concat(chunks).toString()).toStartWith(
      'libcni: warning: DEL of network "testnet"',
    );
  });
});

describe('CniConfig.delNetwork', () => {
  test('uses the cached result and forgets it', async () => {
    fake = fakeCni({ a: result100() });
    const conf = networkPluginConfFromBytes('{"cniVersion":"1.0.0","name":"testnet","type":"a"}');
    await fake.cni.addNetwork(conf, RUNTIME);
    await fake.cni.delNetwork(conf, RUNTIME);
    expect(stdinOf(fake.exec.calls[1]).prevResult).toEqual({ ...result100(), dns: {} });
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
  });
});
