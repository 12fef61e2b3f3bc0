import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResult } from '@cni-ts/spec-types';
import { isCacheError } from '../errors/cache-error.ts';
import { ResultCache } from './result-cache.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const runtime = { containerId: 'c1', netns: '/run/netns/x', ifName: 'eth0' };
const result = parseResult(
  '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"interface":0,"address":"10.1.0.5/16"}]}',
);

let dir: string;
let cache: ResultCache;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'libcni-cache-'));
  cache = new ResultCache(join(dir, 'cni'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, content: string): void {
  mkdirSync(join(dir, 'cni', 'results'), { recursive: true });
  writeFileSync(join(dir, 'cni', 'results', name), content);
}

describe('ResultCache', () => {
  test('writes <dir>/results/<net>-<cid>-<if> with modes 0700/0600 and reads it back', async () => {
    await cache.write({ network: 'net', runtime, config: bytes('{"name":"net"}'), result });
    const path = join(dir, 'cni', 'results', 'net-c1-eth0');
    expect(statSync(join(dir, 'cni', 'results')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'cni', 'results'))).toEqual(['net-c1-eth0']);
    expect(await cache.readResult('net', '1.0.0', runtime)).toEqual(result);
    expect((await cache.readResult('net', '0.4.0', runtime))?.cniVersion).toBe('0.4.0');
    const cached = await cache.readConfig('net', {
      ...runtime,
      args: [['A', '1']],
      capabilityArgs: { x: 1 },
    });
    expect(new TextDecoder().decode(cached?.config)).toBe('{"name":"net"}');
    expect(cached?.runtime).toEqual({ ...runtime, args: [['A', '1']] });
  });

  test('concurrent writes of one attachment leave one whole record and no side files', async () => {
    const results = Array.from({ length: 12 }, (_, i) =>
      parseResult(`{"cniVersion":"1.0.0","ips":[{"address":"10.1.0.${i + 1}/16"}]}`),
    );
    await Promise.all(
      results.map((r) => cache.write({ network: 'net', runtime, config: bytes('{}'), result: r })),
    );
    const read = await cache.readResult('net', '1.0.0', runtime);
    expect(results).toContainEqual(read as never);
    expect(readdirSync(join(dir, 'cni', 'results'))).toEqual(['net-c1-eth0']);
  });

  test('nothing cached reads as undefined; removing twice is fine', async () => {
    expect(await cache.readResult('net', '1.0.0', runtime)).toBeUndefined();
    expect(await cache.readConfig('net', runtime)).toBeUndefined();
    await cache.remove('net', runtime);
    await cache.remove('net', runtime);
  });

  test('reads a bare result (libcni up to 0.7) and converts it', async () => {
    put('net-c1-eth0', '{"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.1.0.5/16"}]}');
    expect(await cache.readResult('net', '1.0.0', runtime)).toEqual(
      parseResult('{"cniVersion":"1.0.0","ips":[{"address":"10.1.0.5/16"}]}'),
    );
    await expect(cache.readConfig('net', runtime)).rejects.toThrow(
      'read cached network "net" config has wrong kind: ',
    );
  });

  test('an empty or corrupt file is a CacheError naming the file', async () => {
    put('net-c1-eth0', '');
    const empty = await cache.readResult('net', '1.0.0', runtime).catch((e: unknown) => e);
    expect(isCacheError(empty)).toBe(true);
    expect(String(empty)).toContain('net-c1-eth0 is empty');
    put('net-c1-eth0', '{"kind":"cniCacheV1","result":');
    await expect(cache.readResult('net', '1.0.0', runtime)).rejects.toThrow(
      'cannot decode cached result',
    );
    await expect(cache.readConfig('net', runtime)).rejects.toThrow(
      'failed to unmarshal cached network "net" config: unexpected end of JSON input',
    );
  });

  test('a result that cannot be converted to the asked version', async () => {
    put('net-c1-eth0', '{"kind":"cniCacheV1","result":{"cniVersion":"1.0.0"}}');
    await expect(cache.readResult('net', '0.2.0', runtime)).rejects.toThrow(
      'failed to convert cached result to config version "0.2.0": cannot convert: no valid IP addresses',
    );
  });

  test("refuses paths with an empty part (upstream's text) or a slash", async () => {
    await expect(cache.readResult('net', '1.0.0', { ...runtime, ifName: '' })).rejects.toThrow(
      'cache file path requires network name ("net"), container ID ("c1"), and interface name ("")',
    );
    await expect(
      cache.readResult('net', '1.0.0', { ...runtime, containerId: '../../x' }),
    ).rejects.toThrow('must not contain "/"');
  });

  describe('listAttachments', () => {
    const record = (net: string, cid: string, ifName: string, extra = '') =>
      `{"kind":"cniCacheV1","containerId":"${cid}","config":"e30=","ifName":"${ifName}","networkName":"${net}"${extra}}`;

    test('lists valid records sorted by name, skipping bad, foreign and side files', async () => {
      put('b-c2-eth0', record('b', 'c2', 'eth0', ',"netns":"/ns","cniArgs":[["K","V"]]'));
      put('a-c1-eth0', record('a', 'c1', 'eth0', ',"capabilityArgs":{"mac":"x"}'));
      put('a-c1-eth1', '');
      put('a-c1-eth2', '{"kind":"other"}');
      put('a-c1-eth3', record('a', 'c1', ''));
      put('a-c1-eth0.lock', '123\n');
      put('.a-c1-eth0.1.abcd.tmp', record('a', 'c1', 'eth9'));
      mkdirSync(join(dir, 'cni', 'results', 'subdir'));
      const all = await cache.listAttachments();
      expect(all.map((a) => [a.network, a.containerId, a.ifName])).toEqual([
        ['a', 'c1', 'eth0'],
        ['b', 'c2', 'eth0'],
      ]);
      expect(all[0]?.capabilityArgs).toEqual({ mac: 'x' });
      expect(all[1]).toMatchObject({ netns: '/ns', cniArgs: [['K', 'V']] });
    });

    test('filters by container ID in the file name and in the record', async () => {
      put('a-c1-eth0', record('a', 'c1', 'eth0'));
      put('a-c11-eth0', record('a', 'c11', 'eth0'));
      put('c1-x-eth0', record('c1', 'x', 'eth0'));
      put('a-c2-c1-', record('a', 'c1', 'eth0'));
      put('b-c1-eth0', record('b', 'other', 'eth0'));
      const mine = await cache.listAttachments('c1');
      expect(mine.map((a) => [a.network, a.containerId])).toEqual([['a', 'c1']]);
    });

    test('a missing directory lists nothing', async () => {
      expect(await cache.listAttachments()).toEqual([]);
    });
  });
});
