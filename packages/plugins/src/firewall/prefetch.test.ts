import { describe, expect, test } from 'bun:test';
import { prefetchFamilies } from './prefetch.ts';

const prevResult = {
  cniVersion: '1.0.0',
  ips: [{ address: '10.1.0.5/24' }, { address: 'fd00::5/64' }, { address: '10.1.0.6/24' }],
};

describe('prefetchFamilies', () => {
  test('an iptables ADD lists each family of prevResult once', () => {
    expect(prefetchFamilies('ADD', { backend: 'iptables', prevResult })).toEqual([4, 6]);
    expect(prefetchFamilies('ADD', { Backend: 'iptables', PrevResult: prevResult })).toEqual([
      4, 6,
    ]);
  });

  test('an isolating policy lists on firewalld or an unnamed backend, never on nftables', () => {
    for (const ingressPolicy of ['same-bridge', 'isolated']) {
      expect(prefetchFamilies('ADD', { ingressPolicy, prevResult })).toEqual([4, 6]);
      expect(prefetchFamilies('ADD', { backend: 'firewalld', ingressPolicy, prevResult })).toEqual([
        4, 6,
      ]);
      expect(prefetchFamilies('ADD', { backend: 'nftables', ingressPolicy, prevResult })).toEqual(
        [],
      );
    }
  });

  test('nothing for an open policy without iptables named, other verbs, or no addresses', () => {
    expect(prefetchFamilies('ADD', { prevResult })).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: 'firewalld', prevResult })).toEqual([]);
    expect(prefetchFamilies('DEL', { backend: 'iptables', prevResult })).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: 'iptables' })).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: 'iptables', prevResult: { ips: 'x' } })).toEqual([]);
  });
});
