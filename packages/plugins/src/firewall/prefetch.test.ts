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

  /** A bus that may be there (the root directory exists), and one that cannot. */
  const busThere = { DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/' };
  const noBus = { DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/cnits/bus' };

  test('nothing for an open policy without iptables named or chosen, other verbs, or no addresses', () => {
    expect(prefetchFamilies('ADD', { prevResult }, busThere)).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: '', prevResult }, busThere)).toEqual([]);
    const tcpBus = { DBUS_SYSTEM_BUS_ADDRESS: 'tcp:host=localhost,port=1' };
    expect(prefetchFamilies('ADD', { prevResult }, tcpBus)).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: 'firewalld', prevResult }, noBus)).toEqual([]);
    expect(prefetchFamilies('DEL', { backend: 'iptables', prevResult })).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: 'iptables' })).toEqual([]);
    expect(prefetchFamilies('ADD', { backend: 'iptables', prevResult: { ips: 'x' } })).toEqual([]);
  });

  test('no backend named and no bus socket: iptables will be chosen, so it lists', () => {
    expect(prefetchFamilies('ADD', { prevResult }, noBus)).toEqual([4, 6]);
    expect(prefetchFamilies('ADD', { backend: '', prevResult }, noBus)).toEqual([4, 6]);
    expect(prefetchFamilies('ADD', { backend: 'nftables', prevResult }, noBus)).toEqual([]);
  });
});
