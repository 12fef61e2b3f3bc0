import { describe, expect, test } from 'bun:test';
import { flushPortMapConntrack } from '../../firewall/portmap/portmap-conntrack.ts';
import type { PortMapTarget } from '../../firewall/portmap/portmap-types.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { IPPROTO } from './constants.ts';
import {
  deleteUdpConntrackByDstPort,
  FILTERED_DUMP_ABOVE,
  listConntrack,
  listConntrackFiltered,
  openConntrackSocket,
} from './ops.ts';

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

  test('a filtered dump returns only the family, protocol and port asked for', () => {
    const ns = createTestNetns('cnits-ctf');
    try {
      track(ns);
      send(ns, '127.0.0.1', [18053, 18054]);
      send(ns, '::1', [18053]);
      using sock = openConntrackSocket({ netns: ns.ns });
      const ask = (family: 4 | 6, dstPort: number) =>
        listConntrackFiltered(sock, { family, protocol: IPPROTO.UDP, dstPort }).map(
          (entry) => `${entry.family} ${entry.orig.dst}:${entry.orig.dstPort}`,
        );
      expect(ask(4, 18053)).toEqual(['4 127.0.0.1:18053']);
      expect(ask(6, 18053)).toEqual(['6 ::1:18053']);
      expect(ask(4, 18099)).toEqual([]);
      expect(listConntrack(sock).length).toBeGreaterThan(2);
    } finally {
      ns.remove();
    }
  });

  test('with a big table, deletion goes through filtered dumps and deletes the same entries', () => {
    const ns = createTestNetns('cnits-ctb');
    try {
      track(ns);
      send(ns, '127.0.0.1', [18053, 18054, 18055]);
      send(ns, '::1', [18053, 18054]);
      using sock = openConntrackSocket({ netns: ns.ns });
      const big = FILTERED_DUMP_ABOVE + 1;
      expect(deleteUdpConntrackByDstPort(sock, [4, 6], [18053, 18055], big)).toBe(3);
      const left = listConntrack(sock)
        .filter((entry) => entry.orig.protocol === IPPROTO.UDP)
        .map((entry) => `${entry.family}:${entry.orig.dstPort}`)
        .sort();
      expect(left).toEqual(['4:18054', '6:18054']);
      expect(deleteUdpConntrackByDstPort(sock, [4, 6], [18053, 18055], big)).toBe(0);
    } finally {
      ns.remove();
    }
  });

  test("portmap's flush reads the namespace's count: an empty table is left alone, a tracked one loses the host ports' UDP entries", () => {
    const ns = createTestNetns('cnits-ctp');
    try {
      const target: PortMapTarget = {
        network: 'net1',
        containerId: 'c1',
        mappings: [
          { hostPort: 18053, containerPort: 53, protocol: 'udp' },
          { hostPort: 18080, containerPort: 80, protocol: 'tcp' },
        ],
        snat: true,
        masqAll: false,
        markMasqBit: 13,
        addresses: ['10.0.0.2/24', 'fd00::2/64'],
      };
      expect(flushPortMapConntrack(target, { netns: ns.ns })).toBe(0);
      track(ns);
      send(ns, '127.0.0.1', [18053, 18054]);
      send(ns, '::1', [18053]);
      expect(flushPortMapConntrack(target, { netns: ns.ns })).toBe(2);
      using sock = openConntrackSocket({ netns: ns.ns });
      const left = listConntrack(sock)
        .filter((entry) => entry.orig.protocol === IPPROTO.UDP)
        .map((entry) => `${entry.family}:${entry.orig.dstPort}`);
      expect(left).toEqual(['4:18054']);
    } finally {
      ns.remove();
    }
  });
});
