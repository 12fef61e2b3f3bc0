import { describe, expect, test } from 'bun:test';
import { isCniError, parseCidr, type Result100 } from '@cni-ts/spec-types';
import { hostPrefix, inNetwork, sourceAddresses } from './addresses.ts';

const prev: Result100 = {
  cniVersion: '1.1.0',
  interfaces: [{ name: 'veth0' }, { name: 'eth0', sandbox: '/x' }, { name: 'net1', sandbox: '/x' }],
  ips: [
    { interface: 1, address: '10.1.0.2/24', gateway: '10.1.0.1' },
    { interface: 2, address: '10.2.0.2/24' },
    { address: 'fd00::2/64' },
    { interface: 7, address: '10.3.0.2/24' },
  ],
};

describe('sourceAddresses (upstream selection)', () => {
  test("the interface's addresses, those without an index and those with an index out of range", () => {
    const picked = sourceAddresses(prev, 'eth0');
    expect(picked.map((source) => [source.ip, source.family, source.gateway])).toEqual([
      ['10.1.0.2', 4, '10.1.0.1'],
      ['fd00::2', 6, undefined],
      ['10.3.0.2', 4, undefined],
    ]);
    expect(picked.map(hostPrefix)).toEqual(['10.1.0.2/32', 'fd00::2/128', '10.3.0.2/32']);
  });

  test('no address is code 999 in upstream words', () => {
    for (const result of [
      { ...prev, ips: [] },
      { ...prev, ips: [{ interface: 0, address: '10.9.0.2/24' }] },
    ]) {
      let caught: unknown;
      try {
        sourceAddresses(result, 'eth0');
      } catch (error) {
        caught = error;
      }
      expect(isCniError(caught) && [caught.code, caught.msg]).toEqual([
        999,
        'No IP addresses supplied on interface: eth0',
      ]);
    }
  });
});

describe('inNetwork', () => {
  test('masks the address by the prefix; other families and absent addresses are outside', () => {
    const cidr = parseCidr('10.1.0.2/23');
    if (cidr === undefined) throw new Error('bad cidr');
    expect(inNetwork(cidr, '10.1.1.254')).toBe(true);
    expect(inNetwork(cidr, '10.1.2.1')).toBe(false);
    expect(inNetwork(cidr, 'fd00::1')).toBe(false);
    expect(inNetwork(cidr, undefined)).toBe(false);
    const v6 = parseCidr('fd00:54::2/64');
    if (v6 === undefined) throw new Error('bad cidr');
    expect(inNetwork(v6, 'fd00:54::1')).toBe(true);
    expect(inNetwork(v6, 'fd00:55::1')).toBe(false);
  });
});
