import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCniError } from '@cni-ts/spec-types';
import { isNoConfigsFound, isNotFound, NotFoundError } from '../errors/not-found-error.ts';
import { confFiles } from './conf-files.ts';
import { networkConfFromFile } from './conf-list-from-file.ts';
import { loadConf } from './load-conf.ts';
import { loadNetworkConf } from './load-network-conf.ts';
import { networkPluginConfsFromFiles } from './plugin-confs-from-files.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'libcni-conf-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const list = (name: string, extra: object = {}) => ({
  cniVersion: '1.0.0',
  name,
  plugins: [{ type: `${name}-inline` }],
  ...extra,
});

const types = (l: { plugins: readonly { network: { type: string } }[] }): string[] =>
  l.plugins.map((plugin) => plugin.network.type);

describe('confFiles', () => {
  test('lists matching files by name, skipping directories and other extensions', async () => {
    write('b.conf', '{}');
    write('a.conflist', '{}');
    write('c.json', '{}');
    write('.conf', '{}');
    write('d.conf.bak', '{}');
    mkdirSync(join(dir, 'e.conf'));
    expect(await confFiles(dir, ['.conf', '.json'])).toEqual([
      join(dir, '.conf'),
      join(dir, 'b.conf'),
      join(dir, 'c.json'),
    ]);
  });

  test('gives nothing for a missing directory', async () => {
    expect(await confFiles(join(dir, 'missing'), ['.conf'])).toEqual([]);
  });
});

describe('loadNetworkConf', () => {
  test('prefers a .conflist over a .conf of the same name', async () => {
    write('00-single.conf', { cniVersion: '0.4.0', name: 'net', type: 'single' });
    write('99-list.conflist', list('net'));
    expect(types(await loadNetworkConf(dir, 'net'))).toEqual(['net-inline']);
  });

  test('takes the first match in name order', async () => {
    write('20-b.conflist', list('net', { plugins: [{ type: 'second' }] }));
    write('10-a.conflist', list('net', { plugins: [{ type: 'first' }] }));
    expect(types(await loadNetworkConf(dir, 'net'))).toEqual(['first']);
  });

  test('turns a matching .conf or .json into a one-plugin list, dropping list flags', async () => {
    const conf = { cniVersion: '0.4.0', name: 'single', type: 'bridge', disableCheck: true };
    write('10-single.json', conf);
    const loaded = await loadNetworkConf(dir, 'single');
    expect(types(loaded)).toEqual(['bridge']);
    expect(loaded.cniVersion).toBe('0.4.0');
    expect(loaded.disableCheck).toBe(false);
    expect(new TextDecoder().decode(loaded.bytes)).toBe(
      '{"cniVersion":"0.4.0","name":"single","plugins":[{"cniVersion":"0.4.0","disableCheck":true,"name":"single","type":"bridge"}]}',
    );
  });

  test('appends the drop-ins of <dir>/<name>/*.conf after the inlined plugins, sorted', async () => {
    write('net.conflist', list('net'));
    write('net/20-b.conf', { type: 'drop-b' });
    write('net/10-a.conf', { type: 'drop-a' });
    write('net/30-c.json', { type: 'ignored-json' });
    write('net/sub/40-d.conf', { type: 'ignored-nested' });
    write('other/10-x.conf', { type: 'other-network' });
    expect(types(await loadNetworkConf(dir, 'net'))).toEqual(['net-inline', 'drop-a', 'drop-b']);
  });

  describe('loadOnlyInlinedPlugins', () => {
    test('false (default), inlined plugins and drop-ins: both', async () => {
      write('net.conflist', list('net', { loadOnlyInlinedPlugins: false }));
      write('net/10-a.conf', { type: 'drop-a' });
      expect(types(await networkConfFromFile(join(dir, 'net.conflist')))).toEqual([
        'net-inline',
        'drop-a',
      ]);
    });

    test('true, inlined plugins and drop-ins: the inlined ones only', async () => {
      write('net.conflist', list('net', { loadOnlyInlinedPlugins: true }));
      write('net/10-a.conf', { type: 'drop-a' });
      expect(types(await networkConfFromFile(join(dir, 'net.conflist')))).toEqual(['net-inline']);
    });

    test('false, no inlined plugins: the drop-ins only', async () => {
      write('net.conflist', { cniVersion: '1.0.0', name: 'net' });
      write('net/10-a.conf', { type: 'drop-a' });
      expect(types(await networkConfFromFile(join(dir, 'net.conflist')))).toEqual(['drop-a']);
    });

    test('true, no inlined plugins: invalid', async () => {
      write('net.conflist', { cniVersion: '1.0.0', name: 'net', loadOnlyInlinedPlugins: true });
      write('net/10-a.conf', { type: 'drop-a' });
      await expect(networkConfFromFile(join(dir, 'net.conflist'))).rejects.toThrow(
        'required when loadOnlyInlinedPlugins is true',
      );
    });

    test('false, no plugins anywhere: "no plugin configs found"', async () => {
      const file = write('net.conflist', { cniVersion: '1.0.0', name: 'net' });
      await expect(networkConfFromFile(file)).rejects.toThrow(`${file}: no plugin configs found`);
    });
  });

  test('an invalid file met before the match aborts, naming the file and the key', async () => {
    const bad = write(
      '10-bad.conflist',
      '{"name":"other","plugins":[{"type":"x","ipam":{"ranges":[[{"subnet":"10.0.0.0/33"}]]}}]}',
    );
    write('20-good.conflist', list('net'));
    const error = await loadNetworkConf(dir, 'net').catch((e: unknown) => e);
    expect(isCniError(error) && error.code).toBe(7);
    expect(String(error)).toContain(`${bad}: plugins[0].ipam.ranges[0][0].subnet: invalid CIDR`);
  });

  test('undecodable JSON gives code 6 with its position', async () => {
    const bad = write('10-bad.conflist', '{"name": "net",\n "plugins": [}');
    const error = await loadNetworkConf(dir, 'net').catch((e: unknown) => e);
    expect(isCniError(error) && error.code).toBe(6);
    expect(isCniError(error) && error.msg).toContain(`${bad}: error decoding network config list`);
  });

  test('a bad drop-in fails the whole load, naming it', async () => {
    write('net.conflist', list('net'));
    const bad = write('net/10-a.conf', '{"name": "x"}');
    await expect(loadNetworkConf(dir, 'net')).rejects.toThrow(`${bad}: type`);
  });

  test('NoConfigsFoundError for an empty or missing directory', async () => {
    const error = await loadNetworkConf(join(dir, 'missing'), 'net').catch((e: unknown) => e);
    expect(isNoConfigsFound(error)).toBe(true);
    expect(String(error)).toContain(`no net configurations found in ${join(dir, 'missing')}`);
  });

  test('NotFoundError when files exist but none has the name', async () => {
    write('10-a.conflist', list('a'));
    const onlyLists = await loadNetworkConf(dir, 'net').catch((e: unknown) => e);
    expect(onlyLists).toBeInstanceOf(NotFoundError);
    expect(String(onlyLists)).toContain(`no net configuration with name "net" in ${dir}`);
    write('20-b.conf', { name: 'b', type: 'x' });
    expect(isNotFound(await loadNetworkConf(dir, 'net').catch((e: unknown) => e))).toBe(true);
  });
});

describe('loadConf', () => {
  test('finds a single-plugin config by name, keeping its bytes', async () => {
    write('10-a.conf', '{"name":"a","type":"x"}');
    write('20-b.conf', '{ "name": "b", "type": "y" }');
    const conf = await loadConf(dir, 'b');
    expect(new TextDecoder().decode(conf.bytes)).toBe('{ "name": "b", "type": "y" }');
  });
});

describe('networkPluginConfsFromFiles', () => {
  test('gives nothing for a missing folder', async () => {
    expect(await networkPluginConfsFromFiles(dir, 'absent')).toEqual([]);
  });
});

describe('networkConfFromFile', () => {
  test('an unreadable file reads as upstream: "error reading <file>: ..."', async () => {
    const file = join(dir, 'missing.conflist');
    await expect(networkConfFromFile(file)).rejects.toThrow(
      `error reading ${file}: open ${file}: no such file or directory`,
    );
  });
});
