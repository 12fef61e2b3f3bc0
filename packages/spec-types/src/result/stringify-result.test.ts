import { describe, expect, test } from 'bun:test';
import { stringifyResult } from './stringify-result.ts';
import type { Result040, Result100 } from './types.ts';

describe('stringifyResult', () => {
  test('prints a hand-built result as Go would: canonical addresses, unset fields left out', () => {
    const result: Result100 = {
      cniVersion: '1.1.0',
      interfaces: [{ name: 'eth0', mac: '', mtu: 0 }],
      ips: [{ interface: 0, address: 'FD00:0:0::5/64', gateway: '' }],
      routes: [{ dst: '::ffff:0.0.0.0/96', gw: '::ffff:10.0.0.1', advmss: 0, table: 0 }],
    };
    expect(JSON.parse(stringifyResult(result))).toEqual({
      cniVersion: '1.1.0',
      interfaces: [{ name: 'eth0' }],
      ips: [{ interface: 0, address: 'fd00::5/64' }],
      routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1', table: 0 }],
      dns: {},
    });
  });

  test('keeps an empty ips[].version, as Go prints it', () => {
    const result: Result040 = {
      cniVersion: '0.4.0',
      ips: [{ version: '', address: '10.0.0.5/24' }],
    };
    expect(stringifyResult(result, { indent: '' })).toBe(
      '{"cniVersion":"0.4.0","ips":[{"version":"","address":"10.0.0.5/24"}],"dns":{}}',
    );
  });

  test('converts first when a version is given', () => {
    const result: Result100 = { cniVersion: '1.0.0', ips: [{ address: '10.0.0.5/24' }] };
    expect(stringifyResult(result, { version: '0.2.0', indent: '' })).toBe(
      '{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.5/24"},"dns":{}}',
    );
  });
});
