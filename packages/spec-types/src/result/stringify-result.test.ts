import { describe, expect, test } from 'bun:test';
import { prng } from '../json/_random-json.ts';
import { encodeJson } from '../json/encode-json.ts';
import { resultToJson, stringifyResult } from './stringify-result.ts';
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

describe('stringifyResult, JSON.stringify path', () => {
  test('writes what encodeJson writes, for 3000 random results and indents', () => {
    const rand = prng(0x1e55);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const text = () =>
      pick([
        'eth0',
        '',
        'a<b',
        'x&y',
        'q"r',
        'l\u2028s',
        'lone\ud800',
        'é😀',
        'tab\t',
        '/run/netns/x',
      ]);
    const maybe = <T>(make: () => T): T | undefined => (rand() < 0.5 ? make() : undefined);
    let fast = 0;
    for (let run = 0; run < 3000; run++) {
      const result: Result100 = {
        cniVersion: pick(['1.0.0', '1.1.0']),
        interfaces: [{ name: text(), mac: text(), sandbox: text(), mtu: pick([0, 1500, 9000]) }],
        ips: [{ address: pick(['10.1.2.3/24', 'fd00::3/64']), interface: pick([0, 1]) }],
        routes: [{ dst: '0.0.0.0/0', gw: pick(['10.1.2.1', '']), table: pick([0, 100]) }],
      };
      const dns = maybe(() => ({ nameservers: [text()], domain: text(), search: [text()] }));
      if (dns !== undefined) result.dns = dns;
      const indent = pick(['    ', '', '\t', '            ']);
      const printed = stringifyResult(result, { indent });
      expect(printed).toBe(encodeJson(resultToJson(result), indent));
      if (!/[<>&]|\\u/.test(printed) && indent.length <= 10) fast++;
    }
    // Both paths must be common, or the test proves little.
    expect(fast).toBeGreaterThan(300);
    expect(fast).toBeLessThan(2700);
  });
});
