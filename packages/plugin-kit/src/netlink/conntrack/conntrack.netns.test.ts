import { describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { IPPROTO } from './constants.ts';
import { deleteUdpConntrackByDstPort, listConntrack, openConntrackSocket } from './ops.ts';

useTimeLimit('netns');

// Real conntrack entries in a throwaway namespace: a ct rule there makes the kernel track,
// UDP datagrams to local ports make entries, and the kit lists and deletes them.

const SEND = (host: string, ports: number[]) => `
const dgram = require('node:dgram');
const type = ${JSON.stringify(host.includes(':') ? 'udp6' : 'udp4')};
for (const port of ${JSON.stringify(ports)}) {
  const s = dgram.createSocket(type);
  s.send('x', port, ${JSON.stringify(host)}, () => s.close());
}
`;

function track(ns: TestNetns): void {
  for (const family of ['ip', 'ip6']) {
    ns.exec(['nft', 'add', 'table', family, 'ct_probe']);
    ns.exec([
      'nft',
      'add',
      'chain',
      family,
      'ct_probe',
      'out',
      '{ type filter hook output priority 0; }',
    ]);
    ns.exec(['nft', 'add', 'rule', family, 'ct_probe', 'out', 'ct', 'state', 'new', 'counter']);
  }
  ns.exec(['ip', 'link', 'set', 'lo', 'up']);
}

function send(ns: TestNetns, host: string, ports: number[]): void {
  ns.exec([process.execPath, '-e', SEND(host, ports)]);
}

describe.skipIf(!canUseNetns())('conntrack over ctnetlink (netns)', () => {
  test('lists UDP entries and deletes those of the given destination ports', () => {
    const ns = createTestNetns('cnits-ct');
    try {
      track(ns);
      send(ns, '127.0.0.1', [18053, 18054, 18055]);
      send(ns, '::1', [18053]);
      using sock = openConntrackSocket({ netns: ns.ns });
      const udp = (family: 4 | 6) =>
        listConntrack(sock, family)
          .filter((entry) => entry.orig.protocol === IPPROTO.UDP)
          .map((entry) => entry.orig.dstPort)
          .sort();
      expect(udp(4)).toEqual([18053, 18054, 18055]);
      expect(udp(6)).toEqual([18053]);
      const v4 = listConntrack(sock, 4).find((entry) => entry.orig.dstPort === 18053);
      expect(v4).toMatchObject({
        family: 4,
        zone: 0,
        orig: { src: '127.0.0.1', dst: '127.0.0.1' },
      });
      expect(deleteUdpConntrackByDstPort(sock, [4], [18053, 18055])).toBe(2);
      expect(udp(4)).toEqual([18054]);
      expect(deleteUdpConntrackByDstPort(sock, [4], [18053])).toBe(0);
      expect(listConntrack(sock).filter((e) => e.orig.protocol === IPPROTO.UDP)).toHaveLength(2);
      send(ns, '127.0.0.1', [18053]);
      // Both families from one dump.
      expect(deleteUdpConntrackByDstPort(sock, [4, 6], [18053])).toBe(2);
      expect(udp(6)).toEqual([]);
      expect(udp(4)).toEqual([18054]);
    } finally {
      ns.remove();
    }
  });
});
