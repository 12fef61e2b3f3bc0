import { describe, expect, test } from 'bun:test';
import { CniErrorCode } from '../errors/codes.ts';
import { SUPPORTED_VERSIONS } from '../version/versions.ts';
import { convertResult } from './convert-result.ts';
import { parseResult } from './parse-result.ts';
import type { Result100 } from './types.ts';

const rich: Result100 = {
  cniVersion: '1.1.0',
  interfaces: [
    { name: 'cni0', mac: '0a:00:00:00:00:01' },
    {
      name: 'eth0',
      mac: '0a:00:00:00:00:02',
      mtu: 1450,
      sandbox: '/run/netns/c',
      socketPath: '/s',
      pciID: 'p',
    },
  ],
  ips: [
    { interface: 1, address: 'fd00::5/64', gateway: 'fd00::1' },
    { interface: 1, address: '10.0.0.5/24', gateway: '10.0.0.1' },
    { interface: 1, address: '10.0.1.5/24' },
  ],
  routes: [
    { dst: '0.0.0.0/0', gw: '10.0.0.1', mtu: 1400, table: 100, scope: 0 },
    { dst: '::/0', gw: 'fd00::1', priority: 5 },
  ],
  dns: { nameservers: ['10.0.0.53'], search: ['example'] },
};

describe('convertResult', () => {
  test('converts between every pair of the seven versions and lands on the target', () => {
    for (const from of SUPPORTED_VERSIONS) {
      const start = convertResult(rich, from);
      for (const to of SUPPORTED_VERSIONS) {
        const converted = convertResult(start, to);
        expect(converted.cniVersion).toBe(to);
        // What is printed must parse back at its own version.
        expect(parseResult(JSON.parse(JSON.stringify(converted)), to)).toEqual(converted);
      }
    }
  });

  test('returns the same object when the version does not change', () => {
    expect(convertResult(rich, '1.1.0')).toBe(rich);
  });

  test('treats an empty target as 0.1.0', () => {
    expect(convertResult(rich, '').cniVersion).toBe('0.1.0');
  });

  test('keeps the first address of each family and splits routes when going to 0.2.0', () => {
    expect(convertResult(rich, '0.2.0')).toEqual({
      cniVersion: '0.2.0',
      ip4: {
        ip: '10.0.0.5/24',
        gateway: '10.0.0.1',
        routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1' }],
      },
      ip6: { ip: 'fd00::5/64', gateway: 'fd00::1', routes: [{ dst: '::/0', gw: 'fd00::1' }] },
      dns: { nameservers: ['10.0.0.53'], search: ['example'] },
    });
  });

  test('derives ips[].version and drops the 1.1 interface fields when going to 0.4.0', () => {
    const converted = convertResult(rich, '0.4.0');
    expect(converted).toEqual({
      cniVersion: '0.4.0',
      interfaces: [
        { name: 'cni0', mac: '0a:00:00:00:00:01' },
        { name: 'eth0', mac: '0a:00:00:00:00:02', sandbox: '/run/netns/c' },
      ],
      ips: [
        { version: '6', interface: 1, address: 'fd00::5/64', gateway: 'fd00::1' },
        { version: '4', interface: 1, address: '10.0.0.5/24', gateway: '10.0.0.1' },
        { version: '4', interface: 1, address: '10.0.1.5/24' },
      ],
      routes: rich.routes ?? [],
      dns: rich.dns ?? {},
    });
  });

  test('builds ips from ip4 then ip6 without interface indexes when going up from 0.2.0', () => {
    const old = parseResult({
      cniVersion: '0.2.0',
      ip6: { ip: 'fd00::5/64', routes: [{ dst: '::/0' }] },
      ip4: { ip: '10.0.0.5/24', gateway: '10.0.0.1', routes: [{ dst: '0.0.0.0/0' }] },
    });
    expect(convertResult(old, '1.0.0')).toEqual({
      cniVersion: '1.0.0',
      ips: [{ address: '10.0.0.5/24', gateway: '10.0.0.1' }, { address: 'fd00::5/64' }],
      routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }],
      dns: {},
    });
  });

  test('fails with upstream text when nothing can be expressed in 0.2.0', () => {
    const l2 = parseResult({ cniVersion: '1.0.0', interfaces: [{ name: 'eth0' }] });
    expect(() => convertResult(l2, '0.2.0')).toThrow(
      expect.objectContaining({
        code: CniErrorCode.IncompatibleCniVersion,
        msg: 'cannot convert: no valid IP addresses',
      }),
    );
  });

  test('fails with upstream text for a version it cannot convert to', () => {
    expect(() => convertResult(rich, '2.0.0')).toThrow(
      expect.objectContaining({ msg: 'no converter for CNI result version 1.1.0 to 2.0.0' }),
    );
  });

  test('does not share arrays with its input', () => {
    const converted = convertResult(rich, '1.0.0') as Result100;
    converted.routes?.push({ dst: '10.1.0.0/16' });
    expect(rich.routes).toHaveLength(2);
  });
});
