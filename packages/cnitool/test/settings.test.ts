import { describe, expect, test } from 'bun:test';
import { thrown } from '@cni-ts/plugin-kit/testing';
import { isCniError } from '@cni-ts/spec-types';
import {
  containerIdForNetns,
  parseCapabilityArgs,
  parseToolCniArgs,
  readRuntimeArgs,
  readSettings,
  resolveIfName,
  runtimeFor,
} from '../src/index.ts';

/** The ID computed without our code: sha512sum of the path, first 20 hex digits. */
function independentId(path: string): string {
  const run = Bun.spawnSync(['sh', '-c', 'printf %s "$1" | sha512sum', 'sh', path]);
  return `cnitool-${run.stdout.toString().slice(0, 20)}`;
}

describe('containerIdForNetns', () => {
  test('is cnitool- and 20 hex digits of the SHA-512 of the path', () => {
    for (const path of ['/run/netns/x', '/var/run/netns/cni-1234', '/proc/4242/ns/net']) {
      expect(containerIdForNetns(path)).toBe(independentId(path));
    }
  });

  test('makes a relative path absolute against the working directory first', () => {
    expect(containerIdForNetns('x', '/run/netns')).toBe(independentId('/run/netns/x'));
    expect(containerIdForNetns('../netns/./x/', '/run/foo')).toBe(independentId('/run/netns/x'));
  });

  test('gives the same ID for the same path every time', () => {
    expect(containerIdForNetns('/run/netns/a')).toBe(containerIdForNetns('/run/netns/a'));
    expect(containerIdForNetns('/run/netns/a')).not.toBe(containerIdForNetns('/run/netns/b'));
  });
});

describe('parseToolCniArgs', () => {
  test('parses K=V pairs in order', () => {
    expect(parseToolCniArgs('IgnoreUnknown=1;IP=10.88.0.9')).toEqual([
      ['IgnoreUnknown', '1'],
      ['IP', '10.88.0.9'],
    ]);
  });

  test('reads an empty string as no arguments', () => {
    expect(parseToolCniArgs('')).toEqual([]);
  });

  test.each([
    ['IgnoreUnknown', 'IgnoreUnknown'],
    ['A=1;', ''],
    ['=1', '=1'],
    ['A=', 'A='],
    ['A=b=c', 'A=b=c'],
    ['A=1;;B=2', ''],
  ])('rejects %p with code 4 and upstream text', (input, pair) => {
    const error = thrown(() => parseToolCniArgs(input));
    expect(isCniError(error)).toBe(true);
    expect(error).toMatchObject({ code: 4, msg: `invalid CNI_ARGS pair ${JSON.stringify(pair)}` });
  });
});

describe('parseCapabilityArgs', () => {
  test('parses a JSON object', () => {
    expect(
      parseCapabilityArgs(
        '{"portMappings":[{"hostPort":8080,"containerPort":80}],"mac":"02:00:00:00:00:01"}',
      ),
    ).toEqual({
      portMappings: [{ hostPort: 8080, containerPort: 80 }],
      mac: '02:00:00:00:00:01',
    });
  });

  test('reads an empty string and null as none', () => {
    expect(parseCapabilityArgs('')).toEqual({});
    expect(parseCapabilityArgs('null')).toEqual({});
  });

  test('rejects invalid JSON with code 4 and the position', () => {
    const error = thrown(() => parseCapabilityArgs('{"mac":'));
    expect(error).toMatchObject({ code: 4, msg: 'invalid CAP_ARGS' });
    expect(isCniError(error) && error.details).toBeTruthy();
  });

  test.each([
    ['[]', 'must be a JSON object, not an array'],
    ['"x"', 'must be a JSON object, not string'],
    ['3', 'must be a JSON object, not number'],
  ])('rejects %p', (input, details) => {
    expect(thrown(() => parseCapabilityArgs(input))).toMatchObject({
      code: 4,
      msg: 'invalid CAP_ARGS',
      details,
    });
  });
});

describe('resolveIfName', () => {
  test('is eth0 by default, and when CNI_IFNAME is empty', () => {
    expect(resolveIfName({})).toBe('eth0');
    expect(resolveIfName({ CNI_IFNAME: '' })).toBe('eth0');
    expect(resolveIfName({ CNI_IFNAME: '' }, '')).toBe('eth0');
  });

  test('takes CNI_IFNAME, and the flag over it', () => {
    expect(resolveIfName({ CNI_IFNAME: 'net1' })).toBe('net1');
    expect(resolveIfName({ CNI_IFNAME: 'net1' }, 'net2')).toBe('net2');
  });
});

describe('readSettings', () => {
  test('defaults to /etc/cni/net.d, no plugin path and libcni default cache', () => {
    expect(readSettings({})).toEqual({
      confDir: '/etc/cni/net.d',
      cniPath: [],
      cacheDir: undefined,
    });
  });

  test('reads NETCONFPATH, CNI_PATH (split on :) and CNI_CACHE_DIR; the flag wins', () => {
    const env = { NETCONFPATH: '/x', CNI_PATH: '/a::/b', CNI_CACHE_DIR: '/c' };
    expect(readSettings(env)).toEqual({ confDir: '/x', cniPath: ['/a', '/b'], cacheDir: '/c' });
    expect(readSettings(env, '/d').cacheDir).toBe('/d');
  });
});

describe('runtimeFor', () => {
  test('builds the RuntimeConf as upstream cnitool does', () => {
    const env = { CNI_ARGS: 'IgnoreUnknown=1', CAP_ARGS: '{"mac":"02:00:00:00:00:01"}' };
    expect(runtimeFor(env, 'ns1', 'eth1', '/run/netns')).toEqual({
      containerId: independentId('/run/netns/ns1'),
      netns: '/run/netns/ns1',
      ifName: 'eth1',
      args: [['IgnoreUnknown', '1']],
      capabilityArgs: { mac: '02:00:00:00:00:01' },
    });
  });

  test('leaves args and capability args out when the variables are empty', () => {
    expect(readRuntimeArgs({ CNI_ARGS: '', CAP_ARGS: '' })).toEqual({});
  });
});
