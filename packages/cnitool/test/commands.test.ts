import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'bun:test';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePluginDir, type PluginDir } from '../../libcni/test/_plugins.ts';
import { containerIdForNetns } from '../src/index.ts';
import { type ConfDir, cli, errorLine, makeConfDir } from './_cli.ts';

// The upstream-compatible commands (add, check, del, gc, status) against the TypeScript
// test plugins of libcni (test/plugins/noop.ts), run in process with a captured io.

let plugins: PluginDir;
let conf: ConfDir;

const NETNS = '/run/netns/cnitool-unit';
const CID = containerIdForNetns(NETNS);

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    ...plugins.env,
    NETCONFPATH: conf.confDir,
    CNI_PATH: plugins.dir,
    CNI_CACHE_DIR: conf.cacheDir,
    CNI_ARGS: undefined,
    CAP_ARGS: undefined,
    CNI_IFNAME: undefined,
    ...extra,
  };
}

function cacheFiles(): string[] {
  const dir = join(conf.cacheDir, 'results');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => !name.startsWith('.'))
        .sort()
    : [];
}

function commands(name = 'noop'): string[] {
  return plugins.calls(name).map((call) => call.command);
}

function list(name: string, cniVersion: string, extra: object = {}): object {
  return {
    cniVersion,
    name,
    plugins: [{ type: 'noop', capabilities: { portMappings: true } }, { type: 'second' }],
    ...extra,
  };
}

beforeAll(() => {
  plugins = makePluginDir({ noop: 'noop', second: 'noop' });
});

afterAll(() => {
  plugins.remove();
});

beforeEach(() => {
  conf?.remove();
  conf = makeConfDir();
  rmSync(plugins.debugDir, { recursive: true, force: true });
  Bun.spawnSync(['mkdir', '-p', plugins.debugDir]);
  conf.write('10-net.conflist', list('net', '1.0.0'));
  conf.write('20-old.conflist', list('old', '0.3.1'));
  conf.write('30-new.conflist', list('new', '1.1.0'));
});

afterAll(() => {
  conf?.remove();
});

describe('add', () => {
  test('prints the result as upstream (4-space indent, no newline) and caches it', async () => {
    const run = await cli(['add', 'net', NETNS], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      JSON.stringify(
        {
          cniVersion: '1.0.0',
          interfaces: [{ name: 'eth0', sandbox: NETNS }],
          ips: [{ interface: 0, address: '10.99.0.2/24' }],
          dns: {},
        },
        null,
        4,
      ),
    );
    expect(cacheFiles()).toEqual([`net-${CID}-eth0`]);
    const record = JSON.parse(
      readFileSync(join(conf.cacheDir, 'results', `net-${CID}-eth0`), 'utf8'),
    );
    expect(record).toMatchObject({
      kind: 'cniCacheV1',
      containerId: CID,
      ifName: 'eth0',
      netns: NETNS,
    });
  });

  test('runs the plugins with the derived container ID, the absolute netns and eth0', async () => {
    await cli(['add', 'net', 'cnitool-unit'], env(), '/run/netns');
    const [call] = plugins.calls('noop');
    expect(call?.env).toMatchObject({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: CID,
      CNI_NETNS: NETNS,
      CNI_IFNAME: 'eth0',
      CNI_ARGS: '',
      CNI_PATH: plugins.dir,
    });
    expect(commands('second')).toEqual(['ADD']);
  });

  test('takes the interface name from -i, --ifname, then CNI_IFNAME', async () => {
    await cli(['add', 'net', NETNS, '-i', 'net1'], env({ CNI_IFNAME: 'net9' }));
    await cli(['add', 'net', NETNS, '--ifname=net2'], env());
    await cli(['add', 'net', NETNS], env({ CNI_IFNAME: 'net3' }));
    await cli(['add', 'net', NETNS], env({ CNI_IFNAME: '' }));
    expect(plugins.calls('noop').map((call) => call.env.CNI_IFNAME)).toEqual([
      'net1',
      'net2',
      'net3',
      'eth0',
    ]);
  });

  test('passes CNI_ARGS and CAP_ARGS (to the plugins whose capabilities ask for them)', async () => {
    const portMappings = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }];
    const run = await cli(
      ['add', 'net', NETNS],
      env({
        CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=web',
        CAP_ARGS: JSON.stringify({ portMappings }),
      }),
    );
    expect(run.code).toBe(0);
    const [first] = plugins.calls('noop');
    const [second] = plugins.calls('second');
    expect(first?.env.CNI_ARGS).toBe('IgnoreUnknown=1;K8S_POD_NAME=web');
    expect(JSON.parse(first?.stdin ?? '{}').runtimeConfig).toEqual({ portMappings });
    expect(JSON.parse(second?.stdin ?? '{}').runtimeConfig).toBeUndefined();
  });

  test.each([
    ['CNI_ARGS', 'IgnoreUnknown', { code: 4, msg: 'invalid CNI_ARGS pair "IgnoreUnknown"' }],
    ['CNI_ARGS', 'A=1;', { code: 4, msg: 'invalid CNI_ARGS pair ""' }],
    ['CAP_ARGS', '{"portMappings":', { code: 4, msg: 'invalid CAP_ARGS' }],
    ['CAP_ARGS', '[1]', { code: 4, msg: 'invalid CAP_ARGS' }],
  ])('fails on a bad %s (%p) before running anything', async (name, value, expected) => {
    const run = await cli(['add', 'net', NETNS], env({ [name]: value }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(errorLine(run.stderr)).toMatchObject(expected);
    expect(commands()).toEqual([]);
    expect(existsSync(conf.cacheDir)).toBe(false);
  });

  test('fails with the key path on a malformed config file, writing nothing', async () => {
    conf.write('05-bad.conflist', '{"cniVersion":"1.0.0","name":"bad","plugins":[{"type":7}]}');
    const run = await cli(['add', 'net', NETNS], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const error = errorLine(run.stderr);
    expect(error.code).toBe(7);
    expect(error.msg).toContain('05-bad.conflist');
    expect(error.msg).toContain('plugins[0].type');
    expect(commands()).toEqual([]);
    expect(existsSync(conf.cacheDir)).toBe(false);
  });

  test('fails on a config that is not JSON, naming the file', async () => {
    conf.write('05-bad.conflist', '{"cniVersion":"1.0.0",');
    const run = await cli(['add', 'net', NETNS], env());
    const error = errorLine(run.stderr);
    expect(run.code).toBe(1);
    expect(error.code).toBe(6);
    expect(error.msg).toContain('05-bad.conflist');
  });

  test('fails with code 7 for a network that is not there', async () => {
    const run = await cli(['add', 'nothere', NETNS], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(errorLine(run.stderr)).toEqual({
      code: 7,
      msg: `no net configuration with name "nothere" in ${conf.confDir}`,
    });
  });

  test('fails when a plugin is missing, and writes no cache', async () => {
    conf.write('10-net.conflist', {
      cniVersion: '1.0.0',
      name: 'net',
      plugins: [{ type: 'noop' }, { type: 'nope' }],
    });
    const run = await cli(['add', 'net', NETNS], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(errorLine(run.stderr).msg).toBe(
      `plugin type="nope" failed (add): failed to find plugin "nope" in path [${plugins.dir}]`,
    );
    expect(cacheFiles()).toEqual([]);
  });

  test('fails when a plugin is not executable, and writes no cache', async () => {
    const path = join(plugins.dir, 'noexec');
    writeFileSync(path, '#!/bin/sh\necho {}\n');
    chmodSync(path, 0o644);
    conf.write('10-net.conflist', {
      cniVersion: '1.0.0',
      name: 'net',
      plugins: [{ type: 'noexec' }],
    });
    const run = await cli(['add', 'net', NETNS], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(errorLine(run.stderr).msg).toStartWith('plugin type="noexec" failed (add): ');
    expect(cacheFiles()).toEqual([]);
  });

  test("prints the plugin's own error object, with which plugin failed", async () => {
    plugins.debug('second', { error: { code: 117, msg: 'no luck', details: 'try later' } });
    const run = await cli(['add', 'net', NETNS], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(errorLine(run.stderr)).toEqual({
      code: 117,
      msg: 'plugin type="second" failed (add): no luck',
      details: 'try later',
    });
    expect(cacheFiles()).toEqual([]);
  });

  test('rejects a container interface name the spec does not allow (code 4)', async () => {
    const run = await cli(['add', 'net', NETNS, '-i', 'a/b'], env());
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr).code).toBe(4);
    expect(commands()).toEqual([]);
  });

  test('needs the network and the netns arguments', async () => {
    const run = await cli(['add', 'net'], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'cnitool add: Missing required positional argument: NETNS; see cnitool add --help\n',
    );
  });
});

describe('check', () => {
  test('checks against the cached result', async () => {
    await cli(['add', 'net', NETNS], env());
    const run = await cli(['check', 'net', NETNS], env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    const check = plugins.calls('noop').find((call) => call.command === 'CHECK');
    expect(JSON.parse(check?.stdin ?? '{}').prevResult).toMatchObject({ cniVersion: '1.0.0' });
  });

  test('refuses a list older than 0.4.0 with code 1', async () => {
    const run = await cli(['check', 'old', NETNS], env());
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr)).toEqual({
      code: 1,
      msg: 'configuration version "0.3.1" does not support the CHECK command',
    });
  });
});

describe('del', () => {
  test('runs the plugins in reverse order and removes the cache entry', async () => {
    await cli(['add', 'net', NETNS], env());
    const run = await cli(['del', 'net', NETNS], env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(cacheFiles()).toEqual([]);
    expect(commands()).toEqual(['ADD', 'DEL']);
    expect(commands('second')).toEqual(['ADD', 'DEL']);
  });

  test('uses the cached CAP_ARGS when the environment has none', async () => {
    const portMappings = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }];
    await cli(['add', 'net', NETNS], env({ CAP_ARGS: JSON.stringify({ portMappings }) }));
    await cli(['del', 'net', NETNS], env());
    const del = plugins.calls('noop').find((call) => call.command === 'DEL');
    expect(JSON.parse(del?.stdin ?? '{}').runtimeConfig).toEqual({ portMappings });
  });

  test('uses only the environment when CAP_ARGS or CNI_ARGS is set', async () => {
    const portMappings = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }];
    await cli(['add', 'net', NETNS], env({ CAP_ARGS: JSON.stringify({ portMappings }) }));
    await cli(['del', 'net', NETNS], env({ CNI_ARGS: 'IgnoreUnknown=1' }));
    const del = plugins.calls('noop').find((call) => call.command === 'DEL');
    expect(JSON.parse(del?.stdin ?? '{}').runtimeConfig).toBeUndefined();
    expect(del?.env.CNI_ARGS).toBe('IgnoreUnknown=1');
  });

  test('succeeds when nothing is attached', async () => {
    const run = await cli(['del', 'net', NETNS], env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('gc', () => {
  test("deletes every cached attachment of the network, and only that network's", async () => {
    await cli(['add', 'net', '/run/netns/one'], env());
    await cli(['add', 'net', '/run/netns/two', '-i', 'eth1'], env());
    await cli(['add', 'new', '/run/netns/one'], env());
    expect(cacheFiles()).toHaveLength(3);
    const run = await cli(['gc', 'net'], env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(cacheFiles()).toEqual([`new-${containerIdForNetns('/run/netns/one')}-eth0`]);
    const dels = plugins.calls('noop').filter((call) => call.command === 'DEL');
    expect(dels.map((call) => [call.env.CNI_NETNS, call.env.CNI_IFNAME]).sort()).toEqual([
      ['/run/netns/one', 'eth0'],
      ['/run/netns/two', 'eth1'],
    ]);
    expect(commands()).not.toContain('GC');
  });

  test('then sends GC to every plugin of a 1.1.0 list, without valid attachments', async () => {
    await cli(['add', 'new', '/run/netns/one'], env());
    const run = await cli(['gc', 'new', '/run/netns/ignored'], env());
    expect(run.code).toBe(0);
    expect(commands()).toEqual(['ADD', 'DEL', 'GC']);
    expect(commands('second')).toEqual(['ADD', 'DEL', 'GC']);
    const gc = plugins.calls('noop').find((call) => call.command === 'GC');
    expect(JSON.parse(gc?.stdin ?? '{}')).not.toHaveProperty(['cni.dev/valid-attachments']);
  });
});

describe('status', () => {
  test('sends STATUS to the plugins of a 1.1.0 list', async () => {
    const run = await cli(['status', 'new'], env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(commands()).toEqual(['STATUS']);
    expect(commands('second')).toEqual(['STATUS']);
  });

  test('keeps a plugin code 50 and stops there', async () => {
    plugins.debug('noop', { error: { code: 50, msg: 'not ready' }, errorOn: ['STATUS'] });
    const run = await cli(['status', 'new', '/run/netns/x'], env());
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr)).toEqual({
      code: 50,
      msg: 'plugin type="noop" failed (status): not ready',
    });
    expect(commands('second')).toEqual([]);
  });

  test('is a silent success below 1.1.0', async () => {
    const run = await cli(['status', 'net'], env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(commands()).toEqual([]);
  });
});
