// Golden reply tests: RTM_NEWLINK messages the kernel sent to `ip -d link show`,
// `ip link show dev X` and `bridge -d link show` (fixtures/link-replies.ts) decode to the
// expected records, and each record re-encodes to the captured payload byte for byte.
import { describe, expect, test } from 'bun:test';
import { AF } from '../../codec/constants.ts';
import { decodeMessages, type NetlinkMessage } from '../../codec/header.ts';
import { ARPHRD, IFF } from './constants.ts';
import { decodeLinkMessage } from './decode.ts';
import { encodeLinkMessage } from './encode.ts';
import { capturedReplies } from './fixtures/link-replies.ts';
import type { Link } from './types.ts';

type Key = keyof typeof capturedReplies;

function captured(key: Key): NetlinkMessage {
  const [message] = decodeMessages(Uint8Array.from(Buffer.from(capturedReplies[key].hex, 'hex')));
  if (message === undefined) throw new Error(`fixture ${key} holds no message`);
  return message;
}

const stats0 = {
  rxPackets: 0n,
  txPackets: 0n,
  rxBytes: 0n,
  txBytes: 0n,
  rxErrors: 0n,
  txErrors: 0n,
  rxDropped: 0n,
  txDropped: 0n,
  multicast: 0n,
  collisions: 0n,
};

const expected: Partial<Record<Key, Partial<Link>>> = {
  'ip -d link show:lo': {
    index: 1,
    name: 'lo',
    type: ARPHRD.LOOPBACK,
    flags: IFF.UP | IFF.LOOPBACK | IFF.RUNNING | IFF.LOWER_UP,
    mtu: 65536,
    txqlen: 1000,
    mac: '00:00:00:00:00:00',
    operstate: 'unknown',
    stats: stats0,
  },
  'ip -d link show:br0': {
    index: 2,
    name: 'br0',
    type: ARPHRD.ETHER,
    flags: IFF.UP | IFF.BROADCAST | IFF.MULTICAST,
    mtu: 1500,
    mac: '02:00:00:00:02:00',
    broadcast: 'ff:ff:ff:ff:ff:ff',
    txqlen: 1000,
    operstate: 'down',
    minMtu: 68,
    maxMtu: 65535,
    kind: 'bridge',
    kindData: {
      kind: 'bridge',
      forwardDelay: 300,
      helloTime: 200,
      maxAge: 2000,
      ageingTime: 30000,
      stpState: 0,
      priority: 32768,
      vlanFiltering: false,
      groupFwdMask: 0,
      groupAddr: '01:80:c2:00:00:00',
      bridgeId: { priority: 32768, address: '02:00:00:00:02:00' },
      rootId: { priority: 32768, address: '02:00:00:00:02:00' },
      rootPort: 0,
      rootPathCost: 0,
      topologyChange: false,
      topologyChangeDetected: false,
      helloTimer: 0n,
      tcnTimer: 0n,
      topologyChangeTimer: 0n,
      gcTimer: 2n,
      fdbNLearned: 0,
      fdbMaxLearned: 0,
      mcastRouter: 1,
      mcastSnooping: true,
      mcastQueryUseIfaddr: false,
      mcastQuerier: false,
      mcastStatsEnabled: false,
      mcastHashElasticity: 16,
      mcastHashMax: 4096,
      mcastLastMemberCount: 2,
      mcastStartupQueryCount: 2,
      mcastIgmpVersion: 2,
      mcastMldVersion: 1,
      mcastLastMemberInterval: 100n,
      mcastMembershipInterval: 26000n,
      mcastQuerierInterval: 25500n,
      mcastQueryInterval: 12500n,
      mcastQueryResponseInterval: 1000n,
      mcastStartupQueryInterval: 3124n,
      nfCallIptables: false,
      nfCallIp6tables: false,
      nfCallArptables: false,
    },
  },
  'ip -d link show:veth1': {
    index: 3,
    name: 'veth1',
    mac: '02:00:00:00:02:02',
    alias: 'peer-side',
    operstate: 'down',
    kind: 'veth',
    kindData: { kind: 'veth' },
    link: 4,
  },
  'ip -d link show:veth0': {
    index: 4,
    name: 'veth0',
    flags: IFF.UP | IFF.BROADCAST | IFF.MULTICAST,
    mac: '02:00:00:00:02:01',
    master: 2,
    operstate: 'lowerlayerdown',
    promiscuity: 1,
    kind: 'veth',
    kindData: { kind: 'veth' },
    link: 3,
    slaveKind: 'bridge',
  },
  'ip -d link show:mv0': {
    index: 5,
    name: 'mv0',
    mac: '02:00:00:00:02:03',
    kind: 'macvlan',
    kindData: {
      kind: 'macvlan',
      mode: 'bridge',
      flags: { noPromisc: false, noDst: false },
      macaddrCount: 0,
      bcQueueLen: 1000,
      bcQueueLenUsed: 1000,
    },
    link: 3,
  },
  'ip -d link show:vx0': {
    index: 6,
    name: 'vx0',
    mac: '02:00:00:00:02:04',
    kind: 'vxlan',
    kindData: {
      kind: 'vxlan',
      id: 42,
      remote: '10.1.1.2',
      local: '10.1.1.1',
      ttl: 64,
      // The kernel reports IFLA_VXLAN_TTL_INHERIT as a u8 0, not as an absent flag.
      ttlInherit: false,
      tos: 0,
      label: 0,
      learning: false,
      proxy: false,
      rsc: false,
      l2miss: false,
      l3miss: false,
      collectMetadata: false,
      ageing: 300,
      limit: 0,
      port: 4789,
      udpCsum: true,
      udpZeroCsum6Tx: false,
      udpZeroCsum6Rx: false,
      localBypass: true,
      portRange: { low: 0, high: 0 },
    },
  },
  'ip -d link show:ifb0': {
    index: 7,
    name: 'ifb0',
    flags: IFF.BROADCAST | IFF.NOARP,
    txqlen: 32,
    mac: '02:00:00:00:02:05',
    kind: 'ifb',
    kindData: { kind: 'ifb' },
  },
  'ip -d link show:tap0': {
    index: 8,
    name: 'tap0',
    mac: '02:00:00:00:02:06',
    kind: 'tun',
    kindData: {
      kind: 'tun',
      type: 'tap',
      pi: false,
      vnetHdr: false,
      persist: true,
      multiQueue: false,
    },
  },
  'ip -d link show (peer in another netns):veth0': {
    index: 2,
    name: 'veth0',
    mac: '02:00:00:00:03:00',
    kind: 'veth',
    link: 2,
    netnsId: 0,
  },
  'bridge -d link show:veth0': {
    index: 3,
    name: 'veth0',
    master: 4,
    mac: '02:00:00:00:01:00',
    link: 2,
    header: {
      family: AF.BRIDGE,
      type: ARPHRD.ETHER,
      index: 3,
      flags: IFF.BROADCAST | IFF.MULTICAST,
      change: 0,
    },
  },
  'ip link show dev veth0:veth0': { index: 3, name: 'veth0', kind: 'veth', link: 2 },
  'ip link show dev veth0:veth1': { index: 2, name: 'veth1', kind: 'veth', link: 3 },
};

describe('decodeLinkMessage on kernel replies', () => {
  for (const key of Object.keys(capturedReplies) as Key[]) {
    test(`decodes ${key}`, () => {
      const link = decodeLinkMessage(captured(key));
      expect(link).toMatchObject(expected[key] ?? {});
      if (expected[key]?.kindData !== undefined)
        expect(link.kindData).toEqual(expected[key].kindData);
    });
    test(`re-encodes ${key} byte for byte`, () => {
      const message = captured(key);
      const payload = encodeLinkMessage(decodeLinkMessage(message));
      expect(Buffer.from(payload).toString('hex')).toBe(
        Buffer.from(message.payload).toString('hex'),
      );
    });
  }

  test('reads bridge port settings from IFLA_INFO_SLAVE_DATA', () => {
    const link = decodeLinkMessage(captured('ip -d link show:veth0'));
    expect(link.slaveData).toMatchObject({
      kind: 'bridge',
      state: 'disabled',
      priority: 32,
      cost: 2,
      hairpin: false,
      isolated: false,
      learning: true,
      unicastFlood: true,
      rootId: { priority: 32768, address: '02:00:00:00:02:00' },
      designatedPort: 32769,
      mcastEhtHostsLimit: 512,
    });
  });

  test('reads bridge port settings from an AF_BRIDGE IFLA_PROTINFO', () => {
    // setup: `bridge link set dev veth0 hairpin on isolated on learning off`
    const link = decodeLinkMessage(captured('bridge -d link show:veth0'));
    expect(link.protinfo).toMatchObject({
      hairpin: true,
      isolated: true,
      learning: false,
      cost: 2,
    });
  });

  test('every reply fixture has an expectation', () => {
    expect(Object.keys(capturedReplies).filter((key) => !(key in expected))).toEqual([]);
  });
});
