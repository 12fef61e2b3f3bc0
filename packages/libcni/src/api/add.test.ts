import { afterEach, describe, expect, test } from 'bun:test';
import { CniError, isCniError } from '@cni-ts/spec-types';
import {
  type FakeCni,
  fakeCni,
  listOf,
  RUNTIME,
  result100,
  stdinOf,
} from '../../test/_fake-cni.ts';
import { networkPluginConfFromBytes } from '../conf/plugin-conf-from-bytes.ts';
import { isAborted } from '../errors/is-aborted.ts';
import { isPluginError } from '../errors/plugin-error.ts';
import { isPluginNotFound } from '../errors/plugin-lookup-error.ts';
import { passthrough } from '../testing/fake-exec.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

async function failure(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a failure');
  return error;
}

describe('CniConfig.addNetworkList', () => {
  test('runs the plugins in order, chaining prevResult, and returns the last result', async () => {
    fake = fakeCni({ bridge: result100(), tuning: passthrough(), portmap: passthrough() });
    const list = listOf('1.0.0', [{ type: 'bridge' }, { type: 'tuning' }, { type: 'portmap' }]);
    const result = await fake.cni.addNetworkList(list, RUNTIME);
    expect(fake.exec.commands()).toEqual(['ADD bridge', 'ADD tuning', 'ADD portmap']);
    const [first, second, third] = fake.exec.calls;
    expect(stdinOf(first).prevResult).toBeUndefined();
    expect(stdinOf(second).prevResult).toEqual({ ...result100(), dns: {} });
    expect(stdinOf(third).prevResult).toEqual({ ...result100(), dns: {} });
    expect(result).toEqual({ ...result100(), dns: {} } as never);
  });

  test('gives each plugin name, cniVersion and the runtimeConfig its capabilities enable', async () => {
    fake = fakeCni({ a: result100(), b: passthrough(), c: passthrough() });
    const list = listOf('1.0.0', [
      {
        type: 'a',
        name: 'own-name',
        cniVersion: '0.1.0',
        capabilities: { portMappings: true, mac: false },
      },
      { type: 'b', capabilities: { bandwidth: true }, runtimeConfig: { fromFile: 1 } },
      { type: 'c', runtimeConfig: { fromFile: 2 } },
    ]);
    const capabilityArgs = { portMappings: [{ hostPort: 8080, containerPort: 80 }], mac: 'x' };
    await fake.cni.addNetworkList(list, { ...RUNTIME, capabilityArgs });
    const [a, b, c] = fake.exec.calls.map(stdinOf);
    expect(a).toMatchObject({
      name: 'testnet',
      cniVersion: '1.0.0',
      capabilities: { portMappings: true, mac: false },
      runtimeConfig: { portMappings: capabilityArgs.portMappings },
    });
    // Nothing to inject: a runtimeConfig written in the file passes through.
    expect(b?.runtimeConfig).toEqual({ fromFile: 1 });
    expect(c?.runtimeConfig).toEqual({ fromFile: 2 });
  });

  test('sets the six CNI variables over the inherited environment', async () => {
    fake = fakeCni({ a: result100() });
    await fake.cni.addNetworkList(listOf('1.0.0', [{ type: 'a' }]), RUNTIME);
    expect(fake.exec.calls[0]?.env).toEqual({
      HOME: '/root',
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_NETNS: '/var/run/netns/c1',
      CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=web',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/opt/cni/bin:/usr/libexec/cni',
    });
  });

  test('returns the result unconverted and caches it with the list bytes', async () => {
    const old = { cniVersion: '0.4.0', ips: [{ version: '4', address: '10.0.0.2/24' }] };
    fake = fakeCni({ a: old });
    const list = listOf('1.0.0', [{ type: 'a' }]);
    expect((await fake.cni.addNetworkList(list, RUNTIME)).cniVersion).toBe('0.4.0');
    expect((await fake.cni.getNetworkListCachedResult(list, RUNTIME))?.cniVersion).toBe('1.0.0');
    const cached = await fake.cni.getNetworkListCachedConfig(list, { ...RUNTIME, args: undefined });
    expect(cached?.config).toEqual(list.bytes);
    expect(cached?.runtime.args).toEqual(RUNTIME.args);
    expect(await fake.cni.getCachedAttachments('c1')).toMatchObject([
      { containerId: 'c1', network: 'testnet', ifName: 'eth0', netns: RUNTIME.netns },
    ]);
  });

  test('validates the container ID, network name and interface name before running anything', async () => {
    fake = fakeCni({ a: result100() });
    const list = listOf('1.0.0', [{ type: 'a' }]);
    const cases: [object, number, string][] = [
      [{ containerId: '' }, 3, 'missing containerID'],
      [{ containerId: '-bad' }, 4, 'invalid characters in containerID'],
      [{ ifName: 'a-very-long-interface' }, 4, 'interface name is too long'],
      [{ ifName: 'eth 0' }, 4, 'interface name contains / or : or whitespace characters'],
    ];
    for (const [change, code, msg] of cases) {
      const error = await failure(fake.cni.addNetworkList(list, { ...RUNTIME, ...change }));
      expect(isCniError(error) && [error.code, error.msg]).toEqual([code, msg]);
    }
    const badName = networkPluginConfFromBytes('{"type":"a","cniVersion":"1.0.0"}');
    const error = await failure(fake.cni.addNetwork(badName, RUNTIME));
    expect(isCniError(error) && [error.code, error.msg]).toEqual([7, 'missing network name']);
    expect(fake.exec.calls).toEqual([]);
  });

  test('a failing plugin stops the chain, writes no cache, and says which plugin failed', async () => {
    fake = fakeCni({
      a: result100(),
      b: () => {
        throw new CniError(11, 'try again later', { details: 'lock held' });
      },
      c: passthrough(),
    });
    const list = listOf('1.0.0', [{ type: 'a' }, { type: 'b', name: 'second' }, { type: 'c' }]);
    const error = await failure(fake.cni.addNetworkList(list, RUNTIME));
    expect(error.message).toBe(
      'plugin type="b" name="second" failed (add): try again later; lock held',
    );
    expect(isPluginError(error) && [error.code, error.msg, error.details, error.verb]).toEqual([
      11,
      'try again later',
      'lock held',
      'add',
    ]);
    expect(isPluginError(error) && error.toJSON()).toEqual({
      code: 11,
      msg: 'try again later',
      details: 'lock held',
    });
    expect(fake.exec.commands()).toEqual(['ADD a', 'ADD b']);
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
  });

  test('a missing plugin is a PluginError wrapping the lookup error', async () => {
    fake = fakeCni({ a: result100() });
    const error = await failure(
      fake.cni.addNetworkList(listOf('1.0.0', [{ type: 'a' }, { type: 'nope' }]), RUNTIME),
    );
    expect(error.message).toBe(
      'plugin type="nope" failed (add): failed to find plugin "nope" in path [/opt/cni/bin /usr/libexec/cni]',
    );
    expect(isPluginNotFound(error)).toBe(true);
    expect(fake.cacheFile('testnet', 'c1', 'eth0')).toBeUndefined();
  });

  test('an abort between plugins stops the chain', async () => {
    const controller = new AbortController();
    fake = fakeCni({
      a: () => {
        controller.abort();
        return result100();
      },
      b: passthrough(),
    });
    const list = listOf('1.0.0', [{ type: 'a' }, { type: 'b' }]);
    const error = await failure(
      fake.cni.addNetworkList(list, RUNTIME, { signal: controller.signal }),
    );
    expect(isAborted(error)).toBe(true);
    expect(fake.exec.commands()).toEqual(['ADD a']);
  });
});

describe('CniConfig.addNetwork', () => {
  test("runs a single config at its own name and version and caches the config's bytes", async () => {
    fake = fakeCni({ macvlan: { ips: [{ version: '4', address: '10.1.2.3/8' }] } });
    const bytes = '{ "cniVersion": "0.3.1", "name": "single", "type": "macvlan" }';
    const conf = networkPluginConfFromBytes(bytes);
    const result = await fake.cni.addNetwork(conf, RUNTIME);
    expect(result.cniVersion).toBe('0.3.1');
    expect(stdinOf(fake.exec.calls[0])).toMatchObject({ name: 'single', cniVersion: '0.3.1' });
    const cached = await fake.cni.getNetworkCachedConfig(conf, RUNTIME);
    expect(new TextDecoder().decode(cached?.config)).toBe(bytes);
    expect((await fake.cni.getNetworkCachedResult(conf, RUNTIME))?.cniVersion).toBe('0.3.1');
  });
});
