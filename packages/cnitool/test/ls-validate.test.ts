import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'bun:test';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePluginDir, type PluginDir } from '../../libcni/test/_plugins.ts';
import type { Listing } from '../src/index.ts';
import { type ConfDir, cli, errorLine, makeConfDir } from './_cli.ts';

let plugins: PluginDir;
let conf: ConfDir;

function env(): Record<string, string | undefined> {
  return {
    ...plugins.env,
    NETCONFPATH: conf.confDir,
    CNI_PATH: plugins.dir,
    CNI_CACHE_DIR: conf.cacheDir,
  };
}

beforeAll(() => {
  plugins = makePluginDir({ noop: 'noop', old: 'noop', portmap: 'noop' });
});

afterAll(() => {
  plugins.remove();
  conf?.remove();
});

beforeEach(() => {
  conf?.remove();
  conf = makeConfDir();
  plugins.debug('old', {
    supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'],
  });
});

describe('ls', () => {
  test('lists the files in name order, the default, the bad ones, and the cache', async () => {
    conf.write('10-b.conflist', {
      cniVersion: '1.0.0',
      name: 'b',
      plugins: [{ type: 'noop' }, { type: 'portmap', capabilities: { portMappings: true } }],
    });
    conf.write('20-a.conf', { cniVersion: '0.4.0', name: 'a', type: 'noop' });
    conf.write('30-neg.conflist', {
      cniVersions: ['0.4.0', '1.0.0'],
      name: 'neg',
      plugins: [{ type: 'old' }],
    });
    conf.write('README.txt', 'not a config');
    expect((await cli(['add', 'a', '/run/netns/x'], env())).code).toBe(0);
    // Written after the ADD: as upstream, a bad file met before the match stops a lookup.
    conf.write('05-bad.conf', '{"name":"x"}');

    const run = await cli(['ls', '--json'], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const listing = JSON.parse(run.stdout) as Listing;
    expect(listing.confDir).toBe(conf.confDir);
    expect(listing.cacheDir).toBe(conf.cacheDir);
    expect(
      listing.networks.map(({ file, error, ...rest }) => ({
        file: file.slice(conf.confDir.length + 1),
        ...rest,
        error: error !== undefined,
      })),
    ).toEqual([
      {
        file: '05-bad.conf',
        name: null,
        cniVersion: null,
        plugins: [],
        default: false,
        error: true,
      },
      {
        file: '10-b.conflist',
        name: 'b',
        cniVersion: '1.0.0',
        plugins: ['noop', 'portmap'],
        default: true,
        error: false,
      },
      {
        file: '20-a.conf',
        name: 'a',
        cniVersion: '0.4.0',
        plugins: ['noop'],
        default: false,
        error: false,
      },
      {
        file: '30-neg.conflist',
        name: 'neg',
        cniVersion: '1.0.0',
        plugins: ['old'],
        default: false,
        error: false,
      },
    ]);
    expect(listing.networks[0]?.error).toContain("missing 'type'");
    expect(listing.attachments).toEqual([
      {
        network: 'a',
        containerId: expect.stringMatching(/^cnitool-[0-9a-f]{20}$/),
        ifName: 'eth0',
        netns: '/run/netns/x',
      },
    ]);
  });

  test('prints tables by default', async () => {
    conf.write('10-b.conflist', { cniVersion: '1.0.0', name: 'b', plugins: [{ type: 'noop' }] });
    const run = await cli(['ls'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Networks in ${conf.confDir} (* = default):`,
        '  FILE           NAME  CNIVERSION  PLUGINS',
        '* 10-b.conflist  b     1.0.0       noop',
        '',
        `Cached attachments in ${conf.cacheDir}:`,
        '  (none)',
        '',
      ].join('\n'),
    );
  });

  test('copes with a missing configuration directory', async () => {
    conf.remove();
    const run = await cli(['ls', '--json'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ networks: [], attachments: [] });
  });
});

describe('validate', () => {
  test('asks every plugin for VERSION and lists the capabilities', async () => {
    const file = conf.write('10-b.conflist', {
      cniVersion: '1.0.0',
      name: 'b',
      plugins: [
        { type: 'noop' },
        { type: 'portmap', capabilities: { portMappings: true, mac: false } },
      ],
    });
    const run = await cli(['validate', 'b'], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const versions = '0.1.0 0.2.0 0.3.0 0.3.1 0.4.0 1.0.0 1.1.0';
    expect(run.stdout).toBe(
      [
        `network "b" (${conf.confDir}), cniVersion 1.0.0`,
        `  noop: ok (${join(plugins.dir, 'noop')}; supports ${versions})`,
        `  portmap: ok (${join(plugins.dir, 'portmap')}; supports ${versions})`,
        'capabilities: portMappings',
        'valid',
        '',
      ].join('\n'),
    );
    const byFile = await cli(['validate', file, '--json'], env());
    expect(byFile.code).toBe(0);
    expect(JSON.parse(byFile.stdout)).toMatchObject({
      source: file,
      name: 'b',
      cniVersion: '1.0.0',
      capabilities: ['portMappings'],
      valid: true,
    });
  });

  test('reads a file given by a relative path, and a single .conf', async () => {
    conf.write('20-a.conf', { cniVersion: '0.4.0', name: 'a', type: 'noop' });
    const run = await cli(['validate', '20-a.conf', '--json'], env(), conf.confDir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'a', cniVersion: '0.4.0', valid: true });
  });

  test('fails with code 1 when a plugin does not support the version, naming it', async () => {
    conf.write('10-b.conflist', {
      cniVersion: '1.1.0',
      name: 'b',
      plugins: [{ type: 'old' }, { type: 'noop' }, { type: 'missing' }],
    });
    const run = await cli(['validate', 'b'], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '  old: error: plugin old does not support config version "1.1.0"',
    );
    expect(run.stdout).toContain('  noop: ok');
    expect(run.stdout).toContain(
      `  missing: error: failed to find plugin "missing" in path [${plugins.dir}]`,
    );
    expect(run.stdout).toEndWith('not valid\n');
    expect(errorLine(run.stderr)).toEqual({
      code: 1,
      msg: 'network "b" is not valid',
      details: `old: plugin old does not support config version "1.1.0"; missing: failed to find plugin "missing" in path [${plugins.dir}]`,
    });
  });

  test('uses the negotiated version of a list with cniVersions', async () => {
    conf.write('10-b.conflist', {
      cniVersions: ['0.4.0', '1.0.0'],
      name: 'b',
      plugins: [{ type: 'old' }],
    });
    const run = await cli(['validate', 'b', '--json'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ cniVersion: '1.0.0', valid: true });
  });

  test('fails on a plugin that cannot run', async () => {
    const path = join(plugins.dir, 'noexec');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o644);
    conf.write('10-b.conflist', { cniVersion: '1.0.0', name: 'b', plugins: [{ type: 'noexec' }] });
    const run = await cli(['validate', 'b'], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  noexec: error: VERSION failed: ');
  });

  test('fails with the key path of a malformed file', async () => {
    const file = conf.write('10-b.conflist', {
      cniVersion: '1.0.0',
      name: 'b',
      plugins: [
        { type: 'noop', ipam: { type: 'host-local', ranges: [[{ subnet: '10.88.0.0/33' }]] } },
      ],
    });
    const run = await cli(['validate', file], env());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const error = errorLine(run.stderr);
    expect(error.code).toBe(7);
    expect(error.msg).toBe(
      `${file}: plugins[0].ipam.ranges[0][0].subnet: invalid CIDR "10.88.0.0/33"`,
    );
  });

  test('fails on a single .conf without a type', async () => {
    const file = conf.write('10-b.conf', { cniVersion: '1.0.0', name: 'b' });
    const run = await cli(['validate', file], env());
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr).msg).toStartWith(`${file}: `);
  });

  test('fails with code 7 for an unknown network', async () => {
    const run = await cli(['validate', 'nothere'], env());
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr).code).toBe(7);
  });
});
