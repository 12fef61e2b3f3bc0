// CniConfig with the default exec against the test plugins, run as real processes.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'bun:test';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { isCniError } from '@cni-ts/spec-types';
import {
  CniConfig,
  isAborted,
  isPluginError,
  isPluginNotFound,
  type NetworkConfigList,
  networkConfFromBytes,
  type RuntimeConf,
} from '../src/index.ts';
import { makePluginDir, type PluginDir } from './_plugins.ts';

let plugins: PluginDir;
let stderr: Uint8Array[];
let warnings: string[];
let cni: CniConfig;

const runtime: RuntimeConf = {
  containerId: 'ctr-1',
  netns: '/var/run/netns/ctr-1',
  ifName: 'eth0',
  args: [['K8S_POD_NAME', 'web']],
  capabilityArgs: { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] },
};

const main100 = {
  cniVersion: '1.1.0',
  interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/ctr-1' }],
  ips: [{ interface: 0, address: '10.88.0.5/16', gateway: '10.88.0.1' }],
};

function list(cniVersion: string, pluginObjects: object[], extra: object = {}): NetworkConfigList {
  return networkConfFromBytes(
    JSON.stringify({ cniVersion, name: 'e2e', plugins: pluginObjects, ...extra }),
  );
}

function commands(name: string): string[] {
  return plugins.calls(name).map((call) => call.command);
}

function stdinOf(name: string, index: number): Record<string, unknown> {
  return JSON.parse(plugins.calls(name)[index]?.stdin ?? '{}') as Record<string, unknown>;
}

async function failure(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a failure');
  return error;
}

beforeAll(() => {
  plugins = makePluginDir({
    main: 'noop',
    chained: 'noop',
    r110: 'result110',
    slow: 'slow',
    garbage: 'garbage',
    legacy: 'noop',
    older: 'noop',
  });
});

afterAll(() => {
  plugins.remove();
});

beforeEach(() => {
  for (const name of ['main', 'chained', 'legacy', 'older']) {
    rmSync(join(plugins.debugDir, `${name}.json.log`), { force: true });
    plugins.debug(name, {});
  }
  rmSync(plugins.cacheDir, { recursive: true, force: true });
  stderr = [];
  warnings = [];
  cni = new CniConfig({
    path: [join(plugins.root, 'empty'), plugins.dir],
    cacheDir: plugins.cacheDir,
    env: plugins.env,
    stderr: { write: (chunk) => void stderr.push(chunk) },
    onWarning: (message) => void warnings.push(message),
    killGracePeriodMs: 200,
  });
});

describe('CniConfig with real plugin processes', () => {
  test('ADD, CHECK, STATUS, DEL of a list: order, stdin, environment, cache', async () => {
    plugins.debug('main', { result: main100, stderr: 'main says hi\n' });
    const net = list('1.1.0', [
      { type: 'main', capabilities: { portMappings: true } },
      { type: 'chained', mode: 'x' },
    ]);
    const result = await cni.addNetworkList(net, runtime);
    expect(result).toEqual({ ...main100, dns: {} } as never);
    expect(Buffer.concat(stderr).toString()).toBe('main says hi\n');
    const cacheFile = join(plugins.cacheDir, 'results', 'e2e-ctr-1-eth0');
    expect(existsSync(cacheFile)).toBe(true);

    await cni.checkNetworkList(net, runtime);
    await cni.getStatusNetworkList(net);
    await cni.delNetworkList(net, runtime);

    expect(commands('main')).toEqual(['ADD', 'CHECK', 'STATUS', 'DEL']);
    expect(commands('chained')).toEqual(['ADD', 'CHECK', 'STATUS', 'DEL']);
    const [add] = plugins.calls('main');
    expect(add?.env).toMatchObject({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'ctr-1',
      CNI_NETNS: '/var/run/netns/ctr-1',
      CNI_IFNAME: 'eth0',
      CNI_ARGS: 'K8S_POD_NAME=web',
      CNI_PATH: `${join(plugins.root, 'empty')}:${plugins.dir}`,
    });
    expect(stdinOf('main', 0)).toEqual({
      capabilities: { portMappings: true },
      cniVersion: '1.1.0',
      name: 'e2e',
      runtimeConfig: { portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }] },
      type: 'main',
    });
    expect(stdinOf('chained', 0)).toMatchObject({ prevResult: { ...main100, dns: {} } });
    expect(stdinOf('chained', 0).runtimeConfig).toBeUndefined();
    expect(stdinOf('main', 1).prevResult).toEqual({ ...main100, dns: {} });
    expect(stdinOf('main', 2)).toEqual({
      capabilities: { portMappings: true },
      cniVersion: '1.1.0',
      name: 'e2e',
      type: 'main',
    });
    expect(plugins.calls('main')[2]?.env).toMatchObject({
      CNI_COMMAND: 'STATUS',
      CNI_CONTAINERID: '',
    });
    // DEL ran in reverse order: chained's DEL is recorded before main's.
    expect(stdinOf('main', 3).prevResult).toEqual({ ...main100, dns: {} });
    expect(existsSync(cacheFile)).toBe(false);
  });

  test('a 1.1.0 result keeps its 1.1 fields through chaining and the cache', async () => {
    const net = list('1.1.0', [{ type: 'r110' }, { type: 'chained' }]);
    const result = await cni.addNetworkList(net, runtime);
    const expected = {
      cniVersion: '1.1.0',
      interfaces: [
        {
          name: 'eth0',
          mac: '02:42:ac:11:00:02',
          mtu: 1400,
          sandbox: '/var/run/netns/ctr-1',
          socketPath: '/run/vhost/sock0',
          pciID: '0000:00:1f.6',
        },
      ],
      ips: [{ interface: 0, address: '10.11.0.2/24', gateway: '10.11.0.1' }],
      routes: [
        {
          dst: '0.0.0.0/0',
          gw: '10.11.0.1',
          mtu: 1400,
          advmss: 1360,
          priority: 10,
          table: 100,
          scope: 0,
        },
      ],
      dns: { nameservers: ['10.11.0.1'] },
    };
    expect(result).toEqual(expected as never);
    expect(stdinOf('chained', 0).prevResult).toEqual(expected);
    expect(await cni.getNetworkListCachedResult(net, runtime)).toEqual(expected as never);
  });

  test('GC deletes the stale attachment with its cached parameters, then sends GC', async () => {
    const net = list('1.1.0', [{ type: 'main', capabilities: { portMappings: true } }]);
    await cni.addNetworkList(net, runtime);
    await cni.addNetworkList(net, {
      ...runtime,
      containerId: 'ctr-2',
      capabilityArgs: { portMappings: [] },
    });
    await cni.gcNetworkList(net, { validAttachments: [{ containerID: 'ctr-2', ifname: 'eth0' }] });
    expect(commands('main')).toEqual(['ADD', 'ADD', 'DEL', 'GC']);
    const del = plugins.calls('main')[2];
    expect(del?.env).toMatchObject({
      CNI_CONTAINERID: 'ctr-1',
      CNI_NETNS: '/var/run/netns/ctr-1',
      CNI_ARGS: 'K8S_POD_NAME=web',
    });
    expect(stdinOf('main', 2).runtimeConfig).toEqual({
      portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
    });
    expect(plugins.calls('main')[3]?.stdin).toBe(
      '{"capabilities":{"portMappings":true},"cni.dev/attachments":[{"containerID":"ctr-2","ifname":"eth0"}],"cni.dev/valid-attachments":[{"containerID":"ctr-2","ifname":"eth0"}],"cniVersion":"1.1.0","name":"e2e","type":"main"}',
    );
    expect((await cni.getCachedAttachments()).map((a) => a.containerId)).toEqual(['ctr-2']);
  });

  test('STATUS: a plugin reporting code 50 stops it, the code survives', async () => {
    plugins.debug('main', {
      error: { code: 50, msg: 'plugin not available' },
      errorOn: ['STATUS'],
    });
    const error = await failure(
      cni.getStatusNetworkList(list('1.1.0', [{ type: 'main' }, { type: 'chained' }])),
    );
    expect(isCniError(error) && [error.code, error.msg]).toEqual([50, 'plugin not available']);
    expect(commands('chained')).toEqual([]);
  });

  test('a plugin printing garbage fails ADD and nothing is cached', async () => {
    const error = await failure(cni.addNetworkList(list('1.0.0', [{ type: 'garbage' }]), runtime));
    expect(error.message).toBe(
      'plugin type="garbage" failed (add): failed to unmarshal raw result: invalid character \'g\' looking for beginning of value',
    );
    expect(existsSync(join(plugins.cacheDir, 'results', 'e2e-ctr-1-eth0'))).toBe(false);
  });

  test('a missing plugin and a non-executable plugin', async () => {
    const missing = await failure(
      cni.addNetworkList(list('1.0.0', [{ type: 'main' }, { type: 'nowhere' }]), runtime),
    );
    expect(isPluginNotFound(missing)).toBe(true);
    expect(missing.message).toBe(
      `plugin type="nowhere" failed (add): failed to find plugin "nowhere" in path [${join(plugins.root, 'empty')} ${plugins.dir}]`,
    );
    const plain = join(plugins.dir, 'plain');
    writeFileSync(plain, '#!/bin/sh\necho {}\n');
    chmodSync(plain, 0o644);
    const denied = await failure(cni.addNetworkList(list('1.0.0', [{ type: 'plain' }]), runtime));
    expect(denied.message).toBe(
      `plugin type="plain" failed (add): netplugin failed with no error message: fork/exec ${plain}: permission denied`,
    );
  });

  test('an aborted operation ends a hung plugin (SIGTERM, then SIGKILL)', async () => {
    const marker = join(plugins.root, 'e2e-slow.marker');
    const net = list('1.0.0', [{ type: 'slow', markerFile: marker, ignoreSigterm: true }]);
    const controller = new AbortController();
    const run = cni.addNetworkList(net, runtime, { signal: controller.signal });
    // Abort once the plugin is up and ignoring SIGTERM.
    while (!existsSync(marker)) await Bun.sleep(10);
    controller.abort();
    const error = await failure(run);
    expect(isPluginError(error) && error.message).toBe(
      'plugin type="slow" failed (add): netplugin failed with no error message: signal: killed',
    );
    expect(isAborted(error)).toBe(true);
    expect(readFileSync(marker, 'utf8')).toContain('SIGTERM');
  });

  test('an empty cache file does not block DEL with real plugins; it warns', async () => {
    mkdirSync(join(plugins.cacheDir, 'results'), { recursive: true });
    writeFileSync(join(plugins.cacheDir, 'results', 'e2e-ctr-1-eth0'), '');
    await cni.delNetworkList(list('1.0.0', [{ type: 'main' }]), runtime);
    expect(commands('main')).toEqual(['DEL']);
    expect(stdinOf('main', 0).prevResult).toBeUndefined();
    expect(warnings.join('\n')).toContain('is empty');
  });

  test('validation and version info, including legacy plugins', async () => {
    plugins.debug('main', { supportedVersions: ['0.4.0', '1.0.0'] });
    plugins.debug('legacy', { versionOutput: '{"cniVersion":"0.2.0"}' });
    plugins.debug('older', {
      error: { code: 4, msg: 'unknown CNI_COMMAND: VERSION' },
      errorOn: ['VERSION'],
    });
    expect((await cni.getVersionInfo('main')).supportedVersions).toEqual(['0.4.0', '1.0.0']);
    expect((await cni.getVersionInfo('legacy')).supportedVersions).toEqual(['0.1.0', '0.2.0']);
    expect((await cni.getVersionInfo('older')).supportedVersions).toEqual(['0.1.0']);
    expect(plugins.calls('main')[0]?.env).toMatchObject({
      CNI_COMMAND: 'VERSION',
      CNI_NETNS: 'dummy',
      CNI_IFNAME: 'dummy',
      CNI_PATH: 'dummy',
    });
    expect(
      await cni.validateNetworkList(list('1.0.0', [{ type: 'main', capabilities: { mac: true } }])),
    ).toEqual(['mac']);
    const error = await failure(
      cni.validateNetworkList(list('1.0.0', [{ type: 'main' }, { type: 'legacy' }])),
    );
    expect(error.message).toBe('[plugin legacy does not support config version "1.0.0"]');
  });

  test('a cniVersions list runs VERSION once per plugin file, and again for a new binary', async () => {
    plugins.debug('main', { supportedVersions: ['0.4.0', '1.0.0'] });
    const net = list('1.1.0', [{ type: 'main' }, { type: 'chained' }], {
      cniVersions: ['1.0.0', '1.1.0'],
    });
    for (let round = 0; round < 2; round++) {
      await cni.addNetworkList(net, runtime);
      await cni.checkNetworkList(net, runtime);
      await cni.delNetworkList(net, runtime);
    }
    const twice = ['VERSION', 'ADD', 'CHECK', 'DEL', 'ADD', 'CHECK', 'DEL'];
    expect(commands('main')).toEqual(twice);
    expect(commands('chained')).toEqual(twice);
    // A new `main` binary renamed into place, as a package upgrade installs it.
    const main = join(plugins.dir, 'main');
    writeFileSync(`${main}.new`, readFileSync(main));
    chmodSync(`${main}.new`, 0o755);
    renameSync(`${main}.new`, main);
    await cni.addNetworkList(net, runtime);
    await cni.delNetworkList(net, runtime);
    expect(commands('main').slice(twice.length)).toEqual(['VERSION', 'ADD', 'DEL']);
    expect(commands('chained').slice(twice.length)).toEqual(['ADD', 'DEL']);
    const ran = plugins.calls('main').filter((call) => call.command !== 'VERSION');
    expect(
      ran.map((call) => (JSON.parse(call.stdin) as { cniVersion?: string }).cniVersion),
    ).toEqual(Array(ran.length).fill('1.0.0'));
  });
});
