import { describe, expect, test } from 'bun:test';
import { cniErrorOf } from './_test-helpers.ts';
import { parsePrevResult } from './prev-result.ts';

describe('parsePrevResult', () => {
  test('is undefined without a prevResult', () => {
    expect(parsePrevResult(undefined, '1.0.0')).toBeUndefined();
    expect(parsePrevResult(null, '1.0.0')).toBeUndefined();
  });

  test('converts a 0.1.0/0.2.0 result to 1.1.0', () => {
    const raw = {
      cniVersion: '0.2.0',
      ip4: { ip: '10.1.0.5/16', gateway: '10.1.0.1', routes: [{ dst: '0.0.0.0/0' }] },
      ip6: { ip: 'fd00::5/64' },
      dns: { nameservers: ['10.1.0.1'] },
    };
    expect(parsePrevResult(raw, '0.2.0')).toEqual({
      cniVersion: '1.1.0',
      ips: [{ address: '10.1.0.5/16', gateway: '10.1.0.1' }, { address: 'fd00::5/64' }],
      routes: [{ dst: '0.0.0.0/0' }],
      dns: { nameservers: ['10.1.0.1'] },
    });
  });

  test('converts a 0.3.x/0.4.0 result to 1.1.0', () => {
    for (const version of ['0.3.0', '0.3.1', '0.4.0']) {
      const raw = {
        cniVersion: version,
        interfaces: [{ name: 'eth0', mac: '0a:58:0a:01:00:05', sandbox: '/var/run/netns/c1' }],
        ips: [{ version: '4', interface: 0, address: '10.1.0.5/16', gateway: '10.1.0.1' }],
      };
      expect(parsePrevResult(raw, version)).toEqual({
        cniVersion: '1.1.0',
        interfaces: [{ name: 'eth0', mac: '0a:58:0a:01:00:05', sandbox: '/var/run/netns/c1' }],
        ips: [{ interface: 0, address: '10.1.0.5/16', gateway: '10.1.0.1' }],
        dns: {},
      });
    }
  });

  test('relabels a 1.0.0 result and keeps a 1.1.0 one', () => {
    const raw = { cniVersion: '1.0.0', interfaces: [{ name: 'eth0', mtu: 1400 }] };
    expect(parsePrevResult(raw, '1.0.0')).toEqual({
      cniVersion: '1.1.0',
      interfaces: [{ name: 'eth0', mtu: 1400 }],
      dns: {},
    });
    expect(parsePrevResult({ ...raw, cniVersion: '1.1.0' }, '1.1.0')?.cniVersion).toBe('1.1.0');
  });

  test('a prevResult without cniVersion takes the config version', () => {
    expect(parsePrevResult({ ip4: { ip: '10.0.0.2/24' } }, '0.2.0')?.ips).toEqual([
      { address: '10.0.0.2/24' },
    ]);
  });

  test('a prevResult of another family fails as upstream words it', () => {
    expect(cniErrorOf(() => parsePrevResult({ cniVersion: '0.2.0' }, '1.0.0'))).toEqual({
      code: 6,
      msg: 'could not parse prevResult: result type supports [1.0.0 1.1.0] but unmarshalled CNIVersion is "0.2.0"',
    });
    expect(cniErrorOf(() => parsePrevResult({ cniVersion: '1.0.0' }, '0.4.0')).msg).toBe(
      'could not parse prevResult: result type supports [0.3.0 0.3.1 0.4.0] but unmarshalled CNIVersion is "1.0.0"',
    );
  });

  test('an invalid prevResult is code 6 naming prevResult', () => {
    const error = cniErrorOf(() =>
      parsePrevResult({ cniVersion: '1.0.0', ips: [{ address: 'nope' }] }, '1.0.0'),
    );
    expect(error.code).toBe(6);
    expect(error.msg.startsWith('could not parse prevResult: ')).toBe(true);
  });
});
