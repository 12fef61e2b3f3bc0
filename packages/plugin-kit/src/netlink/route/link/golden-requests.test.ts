// Golden request tests: for every request captured from ip/bridge (fixtures/link-requests.ts),
// the operation given the same input sends the same bytes through a NetlinkSocket (seq and
// port id set equal), and the captured bytes decode back to that input.
import { describe, expect, test } from 'bun:test';
import {
  ack,
  createFakeTransport,
  type FakeDatagram,
  multipart,
} from '../../../testing/fake-transport.ts';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../../codec/header.ts';
import { NetlinkSocket } from '../../socket/netlink-socket.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { decodeLinkAttributeOptions } from './_link-attributes.ts';
import { listBridgePorts, setBridgePort } from './bridge-port-ops.ts';
import { IFF } from './constants.ts';
import { decodeLinkMessage } from './decode.ts';
import { capturedRequests } from './fixtures/link-requests.ts';
import { addLink, deleteLink, getLink, listLinks } from './ops.ts';
import {
  moveLinkToNetns,
  setLink,
  setLinkAlias,
  setLinkAllmulti,
  setLinkDown,
  setLinkMac,
  setLinkMaster,
  setLinkMtu,
  setLinkName,
  setLinkNoMaster,
  setLinkPromisc,
  setLinkTxQueueLen,
  setLinkUp,
} from './set-ops.ts';
import type { LinkSpec } from './types.ts';

type Key = keyof typeof capturedRequests;

function captured(key: Key): NetlinkMessage {
  const [message] = decodeMessages(Uint8Array.from(Buffer.from(capturedRequests[key].hex, 'hex')));
  if (message === undefined) throw new Error(`fixture ${key} holds no message`);
  return message;
}

/** A reply the fake kernel gives to a plain GETLINK: one RTM_NEWLINK (the header echoes the index). */
function linkReply(request: NetlinkMessage): FakeDatagram[] {
  const payload = new Uint8Array(16);
  payload.set(request.payload.subarray(0, 16));
  return [{ type: RTM.NEWLINK, flags: 0, seq: request.seq, payload }, ack(request)];
}

/** Runs `call` on a NetlinkSocket over a fake kernel and returns the one request it sent. */
function sentBy(call: (sock: NetlinkRequester) => void): NetlinkMessage {
  const transport = createFakeTransport((request) => {
    if ((request.flags & NLM_F.DUMP) === NLM_F.DUMP) return multipart(request, RTM.NEWLINK, []);
    if (request.type === RTM.GETLINK) return linkReply(request);
    return [ack(request)];
  });
  call(new NetlinkSocket(transport));
  expect(transport.requests).toHaveLength(1);
  const [request] = transport.requests;
  if (request === undefined) throw new Error('no request sent');
  return request;
}

/** The add-link input a captured RTM_NEWLINK carries, read back through the decoders. */
function decodedSpec(message: NetlinkMessage): Record<string, unknown> {
  const link = decodeLinkMessage(message);
  const options = decodeLinkAttributeOptions(link.attributes, ['test']);
  const up = (link.header.change & IFF.UP) !== 0 ? { up: (link.header.flags & IFF.UP) !== 0 } : {};
  return { ...options, ...up, ...link.kindData };
}

/** The link changes a captured set request carries. */
function decodedChanges(message: NetlinkMessage): Record<string, unknown> {
  const link = decodeLinkMessage(message);
  const out: Record<string, unknown> = { ...decodeLinkAttributeOptions(link.attributes, ['test']) };
  const bits = { up: IFF.UP, promisc: IFF.PROMISC, allmulti: IFF.ALLMULTI } as const;
  for (const [name, bit] of Object.entries(bits)) {
    if ((link.header.change & bit) !== 0) out[name] = (link.header.flags & bit) !== 0;
  }
  return out;
}

const addCases: Record<Extract<Key, `add-${string}`>, LinkSpec> = {
  'add-bridge': { name: 'br0', kind: 'bridge' },
  'add-bridge-opts': {
    name: 'br0',
    kind: 'bridge',
    forwardDelay: 400,
    stpState: 1,
    vlanFiltering: true,
    vlanProtocol: '802.1ad',
    mcastSnooping: false,
    vlanDefaultPvid: 10,
  },
  'add-bridge-base': {
    name: 'br1',
    mtu: 1400,
    mac: '02:00:00:00:00:10',
    txqlen: 500,
    alias: 'lab',
    up: true,
    kind: 'bridge',
  },
  'add-veth': { name: 'veth0', kind: 'veth', peer: { name: 'veth1' } },
  // ip opened the second namespace as fd 4 and sent that number.
  'add-veth-peer-ns': {
    name: 'veth0',
    mtu: 1400,
    mac: '02:00:00:00:00:01',
    kind: 'veth',
    peer: { mtu: 1400, mac: '02:00:00:00:00:02', netnsFd: 4, name: 'veth1' },
  },
  'add-macvlan-private': { name: 'mv0', parent: 3, kind: 'macvlan', mode: 'private' },
  'add-macvlan-vepa': { name: 'mv0', parent: 3, kind: 'macvlan', mode: 'vepa' },
  'add-macvlan-bridge': { name: 'mv0', parent: 3, kind: 'macvlan', mode: 'bridge' },
  'add-macvlan-passthru': {
    name: 'mv0',
    parent: 3,
    kind: 'macvlan',
    mode: 'passthru',
    flags: { noPromisc: true, noDst: false },
  },
  'add-macvlan-source': { name: 'mv0', parent: 3, kind: 'macvlan', mode: 'source' },
  'add-macvlan-bcqueuelen': {
    name: 'mv0',
    mtu: 1400,
    parent: 3,
    kind: 'macvlan',
    bcQueueLen: 100,
    mode: 'bridge',
  },
  'add-ipvlan-l2': { name: 'ipv0', parent: 3, kind: 'ipvlan', mode: 'l2', flags: 'bridge' },
  'add-ipvlan-l3': { name: 'ipv0', parent: 3, kind: 'ipvlan', mode: 'l3', flags: 'private' },
  'add-ipvlan-l3s': { name: 'ipv0', parent: 3, kind: 'ipvlan', mode: 'l3s', flags: 'vepa' },
  'add-vlan': { name: 'vlan10', parent: 3, kind: 'vlan', id: 10 },
  'add-vlan-ad': {
    name: 'vlan20',
    parent: 3,
    kind: 'vlan',
    protocol: '802.1ad',
    id: 20,
    flags: { reorderHdr: false, gvrp: true },
  },
  'add-vlan-flags': {
    name: 'vlan30',
    parent: 3,
    kind: 'vlan',
    id: 30,
    flags: { reorderHdr: true, looseBinding: true },
  },
  'add-dummy': { name: 'dummy0', kind: 'dummy' },
  'add-ifb': { name: 'ifb0', kind: 'ifb' },
  'add-vxlan': {
    name: 'vx0',
    kind: 'vxlan',
    dev: 3,
    ttl: 64,
    id: 42,
    local: '10.1.1.1',
    remote: '10.1.1.2',
    learning: false,
    port: 4789,
  },
  'add-vxlan-full': {
    name: 'vx0',
    kind: 'vxlan',
    dev: 3,
    ttl: 64,
    tos: 0,
    proxy: false,
    l2miss: true,
    l3miss: true,
    udpCsum: true,
    id: 42,
    local: '10.1.1.1',
    remote: '10.1.1.2',
    learning: false,
    port: 4789,
  },
  // ip always sends IFLA_VXLAN_LEARNING (on unless `nolearning`); the input says so explicitly.
  'add-vxlan-group': {
    name: 'vx1',
    kind: 'vxlan',
    dev: 3,
    id: 43,
    remote: '239.1.1.1',
    learning: true,
    port: 4789,
  },
  'add-vxlan-v6': {
    name: 'vx2',
    kind: 'vxlan',
    id: 44,
    local: '2001:db8::1',
    remote: '2001:db8::2',
    learning: true,
    port: 8472,
  },
  'add-vrf': { name: 'vrf0', kind: 'vrf', table: 100 },
};

// Every set request ip sent was for link index 3.
const setCases: Record<
  Extract<Key, `set-${string}`>,
  [(sock: NetlinkRequester) => void, object]
> = {
  'set-up': [(s) => setLinkUp(s, 3), { up: true }],
  'set-down': [(s) => setLinkDown(s, 3), { up: false }],
  'set-mtu': [(s) => setLinkMtu(s, 3, 1400), { mtu: 1400 }],
  'set-mac': [(s) => setLinkMac(s, 3, '02:00:00:00:00:aa'), { mac: '02:00:00:00:00:aa' }],
  'set-name': [(s) => setLinkName(s, 3, 'veth9'), { name: 'veth9' }],
  'set-master': [(s) => setLinkMaster(s, 3, 4), { master: 4 }],
  'set-nomaster': [(s) => setLinkNoMaster(s, 3), { master: 0 }],
  // ip opened the target namespace as fd 4.
  'set-netns': [(s) => moveLinkToNetns(s, 3, 4), { netnsFd: 4 }],
  'set-txqlen': [(s) => setLinkTxQueueLen(s, 3, 500), { txqlen: 500 }],
  'set-promisc': [(s) => setLinkPromisc(s, 3, true), { promisc: true }],
  'set-allmulti': [(s) => setLinkAllmulti(s, 3, true), { allmulti: true }],
  'set-alias': [(s) => setLinkAlias(s, 3, 'cni-test'), { alias: 'cni-test' }],
  'set-multi': [
    (s) =>
      setLink(s, 3, {
        up: true,
        promisc: true,
        mtu: 1400,
        mac: '02:00:00:00:00:aa',
        txqlen: 500,
        alias: 'lab',
      }),
    { up: true, promisc: true, mtu: 1400, mac: '02:00:00:00:00:aa', txqlen: 500, alias: 'lab' },
  ],
};

const bridgePortCases = {
  'brport-set': { hairpin: true, learning: false, isolated: true },
  'brport-hairpin': { hairpin: true },
  'brport-set-all': {
    guard: true,
    hairpin: true,
    fastLeave: true,
    rootBlock: true,
    unicastFlood: false,
    mcastFlood: false,
    bcastFlood: false,
    mcastToUnicast: true,
    learning: false,
    learningSync: false,
    cost: 10,
    priority: 5,
    neighSuppress: true,
    vlanTunnel: false,
    isolated: true,
  },
} as const satisfies Partial<Record<Key, object>>;

const otherCases: Partial<Record<Key, (sock: NetlinkRequester) => void>> = {
  del: (s) => deleteLink(s, { index: 3 }),
  'get-by-name': (s) => getLink(s, { name: 'veth0' }),
  'get-by-index': (s) => getLink(s, { index: 2 }),
  dump: (s) => listLinks(s),
  'brport-dump': (s) => listBridgePorts(s),
};

/**
 * Compares our request with ip's, seq and port id set equal. `ackAdded`: ip sends a plain
 * GETLINK without NLM_F_ACK; NetlinkSocket always asks for the ACK on a non-dump request (the
 * kernel then answers with the RTM_NEWLINK and an ACK), so only that flag bit may differ.
 */
function expectSameBytes(ours: NetlinkMessage, theirs: NetlinkMessage, ackAdded = false): void {
  expect(ours.type).toBe(theirs.type);
  expect(ours.flags).toBe(ackAdded ? theirs.flags | NLM_F.ACK : theirs.flags);
  const aligned = encodeMessage({ ...ours, flags: theirs.flags, seq: theirs.seq, pid: theirs.pid });
  expect(Buffer.from(aligned).toString('hex')).toBe(
    Buffer.from(encodeMessage(theirs)).toString('hex'),
  );
}

describe('addLink', () => {
  for (const [key, spec] of Object.entries(addCases) as [Key, LinkSpec][]) {
    const errno = capturedRequests[key].errno;
    const note =
      errno === 0 ? '' : ` (this kernel refused it with errno ${errno}; the bytes are ip's)`;
    test(`sends the bytes of \`${capturedRequests[key].command}\`${note}`, () => {
      expectSameBytes(
        sentBy((s) => addLink(s, spec)),
        captured(key),
      );
    });
    test(`decodes \`${capturedRequests[key].command}\` back to its input`, () => {
      expect(decodedSpec(captured(key))).toEqual({ ...spec });
    });
  }
});

describe('setLink and its helpers', () => {
  for (const [key, [call, changes]] of Object.entries(setCases) as [
    Key,
    [(s: NetlinkRequester) => void, object],
  ][]) {
    test(`sends the bytes of \`${capturedRequests[key].command}\``, () => {
      expectSameBytes(sentBy(call), captured(key));
    });
    test(`decodes \`${capturedRequests[key].command}\` back to its input`, () => {
      expect(decodeLinkMessage(captured(key)).index).toBe(3);
      expect(decodedChanges(captured(key))).toEqual({ ...changes });
    });
  }
});

describe('setBridgePort', () => {
  for (const [key, options] of Object.entries(bridgePortCases) as [Key, object][]) {
    test(`sends the bytes of \`${capturedRequests[key].command}\``, () => {
      expectSameBytes(
        sentBy((s) => setBridgePort(s, 3, options)),
        captured(key),
      );
    });
    test(`decodes \`${capturedRequests[key].command}\` back to its input`, () => {
      const link = decodeLinkMessage(captured(key));
      expect(link.header.family).toBe(AF.BRIDGE);
      expect(link.protinfo).toEqual({ ...options });
    });
  }
});

describe('get, list and delete', () => {
  for (const [key, call] of Object.entries(otherCases) as [Key, (s: NetlinkRequester) => void][]) {
    test(`sends the bytes of \`${capturedRequests[key].command}\` (${key})`, () => {
      expectSameBytes(sentBy(call), captured(key), key.startsWith('get-'));
    });
  }
});

test('every captured request has a case', () => {
  const covered = new Set<string>([
    ...Object.keys(addCases),
    ...Object.keys(setCases),
    ...Object.keys(bridgePortCases),
    ...Object.keys(otherCases),
  ]);
  expect(Object.keys(capturedRequests).filter((key) => !covered.has(key))).toEqual([]);
});
