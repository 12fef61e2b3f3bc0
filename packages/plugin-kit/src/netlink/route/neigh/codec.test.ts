import { describe, expect, test } from 'bun:test';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import {
  capturedMessage,
  recordingRequester,
  testGoldenReplies,
  testGoldenRequests,
} from '../_golden.ts';
import { RTN } from '../route/constants.ts';
import { NTF, NUD } from './constants.ts';
import { decodeNeighbourMessage, toNeighbour } from './decode.ts';
import { encodeNeighbourMessage, neighbourSpecToMessage } from './encode.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addNeighbour, deleteNeighbour, replaceNeighbour } from './ops.ts';
import type { Neighbour, NeighbourMessage, NeighbourSpec } from './types.ts';

const VETH0 = 3;
const VETH1 = 2;

type Op = (sock: NetlinkRequester, spec: NeighbourSpec) => void;

/** Each captured `ip neigh` request, and the operation + spec that must send the same bytes. */
const requestCases: readonly { key: keyof typeof REQUESTS; op: Op; spec: NeighbourSpec }[] = [
  {
    key: 'add.v4',
    op: addNeighbour,
    spec: { index: VETH0, ip: '10.1.2.50', mac: '02:00:00:00:00:50' },
  },
  {
    key: 'add.v4-reachable',
    op: addNeighbour,
    spec: { index: VETH0, ip: '10.1.2.51', mac: '02:00:00:00:00:51', state: NUD.REACHABLE },
  },
  {
    key: 'replace.v4',
    op: replaceNeighbour,
    spec: { index: VETH0, ip: '10.1.2.50', mac: '02:00:00:00:00:55', state: NUD.PERMANENT },
  },
  {
    key: 'add.v6',
    op: addNeighbour,
    spec: { index: VETH0, ip: 'fd00:1::50', mac: '02:00:00:00:00:60' },
  },
  {
    key: 'add.v4-proxy',
    op: addNeighbour,
    spec: { index: VETH0, ip: '10.1.2.60', flags: NTF.PROXY },
  },
  {
    key: 'add.v4-stale',
    op: addNeighbour,
    spec: { index: VETH0, ip: '10.1.2.52', mac: '02:00:00:00:00:52', state: NUD.STALE },
  },
  {
    key: 'add.v4-extern-learn',
    op: addNeighbour,
    spec: { index: VETH0, ip: '10.1.2.54', mac: '02:00:00:00:00:54', flags: NTF.EXT_LEARNED },
  },
  { key: 'del.v4', op: deleteNeighbour, spec: { index: VETH0, ip: '10.1.2.50' } },
  { key: 'del.v6', op: deleteNeighbour, spec: { index: VETH0, ip: 'fd00:1::50' } },
];

describe('neighbour requests (golden, from ip)', () => {
  testGoldenRequests(REQUESTS, requestCases, {
    toMessage: neighbourSpecToMessage,
    decode: decodeNeighbourMessage,
    encode: encodeNeighbourMessage,
  });

  test('decodes every field of `ip -6 neigh add … lladdr …`', () => {
    const message = decodeNeighbourMessage(capturedMessage(REQUESTS['add.v6'].hex).payload);
    expect(message).toEqual({
      family: AF.INET6,
      index: VETH0,
      state: NUD.PERMANENT,
      flags: 0,
      type: RTN.UNSPEC,
      attributes: [
        { kind: 'NDA_DST', value: 'fd00:1::50' },
        { kind: 'NDA_LLADDR', value: '02:00:00:00:00:60' },
      ],
    } satisfies NeighbourMessage);
  });

  test('the request types and flags are those of ip neigh add/replace/del', () => {
    const sock = recordingRequester();
    const spec = { index: 1, ip: '10.0.0.9', mac: '02:00:00:00:00:09' };
    addNeighbour(sock, spec);
    replaceNeighbour(sock, spec);
    deleteNeighbour(sock, spec);
    expect(sock.requests.map((r) => [r.op, r.type, r.flags])).toEqual([
      ['RTM_NEWNEIGH', RTM.NEWNEIGH, NLM_F.CREATE | NLM_F.EXCL],
      ['RTM_NEWNEIGH', RTM.NEWNEIGH, NLM_F.CREATE | NLM_F.REPLACE],
      ['RTM_DELNEIGH', RTM.DELNEIGH, 0],
    ]);
  });

  test('writes MACs in lowercase and rejects malformed ones', () => {
    const message = neighbourSpecToMessage(
      { index: 1, ip: '10.0.0.1', mac: '02:AB:00:00:00:0F' },
      'new',
    );
    expect(message.attributes[1]).toEqual({ kind: 'NDA_LLADDR', value: '02:ab:00:00:00:0f' });
    expect(() =>
      neighbourSpecToMessage({ index: 1, ip: '10.0.0.1', mac: '02:ab:x' }, 'new'),
    ).toThrow(TypeError);
  });
});

type Row = Omit<Neighbour, 'message'>;

const cache = (confirmed: number, used: number, updated: number, refcnt = 0) => ({
  confirmed,
  used,
  updated,
  refcnt,
});
const v4 = { family: AF.INET, index: VETH0, flags: 0, type: RTN.UNICAST, probes: 0 } as const;
const mc6 = {
  family: AF.INET6,
  state: NUD.NOARP,
  flags: 0,
  type: RTN.MULTICAST,
  probes: 0,
} as const;

/** `ip neigh show` after the requests above (message left out). */
const expectedDump: readonly Row[] = [
  {
    ...v4,
    state: NUD.PERMANENT,
    ip: '10.1.2.50',
    mac: '02:00:00:00:00:55',
    cacheInfo: cache(14, 21, 14),
  },
  {
    ...v4,
    state: NUD.PERMANENT,
    flags: NTF.EXT_LEARNED,
    ip: '10.1.2.54',
    mac: '02:00:00:00:00:54',
    cacheInfo: cache(2, 2, 2),
  },
  {
    ...v4,
    state: NUD.STALE,
    ip: '10.1.2.52',
    mac: '02:00:00:00:00:52',
    cacheInfo: cache(6005, 5, 5),
  },
  {
    ...v4,
    state: NUD.REACHABLE,
    ip: '10.1.2.51',
    mac: '02:00:00:00:00:51',
    cacheInfo: cache(17, 17, 17, 1),
  },
  {
    ...mc6,
    index: VETH1,
    ip: 'ff02::1:ff00:2',
    mac: '33:33:ff:00:00:02',
    cacheInfo: cache(6139, 139, 139),
  },
  {
    ...mc6,
    index: VETH0,
    ip: 'ff02::16',
    mac: '33:33:00:00:00:16',
    cacheInfo: cache(6180, 180, 180),
  },
  {
    ...v4,
    family: AF.INET6,
    state: NUD.PERMANENT,
    ip: 'fd00:1::50',
    mac: '02:00:00:00:00:60',
    cacheInfo: cache(11, 11, 11),
  },
  {
    ...mc6,
    index: VETH1,
    ip: 'ff02::16',
    mac: '33:33:00:00:00:16',
    cacheInfo: cache(6180, 180, 180),
  },
  { ...mc6, index: VETH0, ip: 'ff02::2', mac: '33:33:00:00:00:02', cacheInfo: cache(6062, 62, 62) },
  { ...mc6, index: VETH1, ip: 'ff02::2', mac: '33:33:00:00:00:02', cacheInfo: cache(6037, 37, 37) },
  {
    ...mc6,
    index: VETH0,
    ip: 'ff02::1:ff00:1',
    mac: '33:33:ff:00:00:01',
    cacheInfo: cache(6165, 165, 165),
  },
];

describe('neighbour dumps (golden, `ip neigh show`, `ip neigh show proxy`)', () => {
  const cases = [
    { key: 'dump', proxy: false, expected: expectedDump },
    {
      key: 'dump.proxy',
      proxy: true,
      expected: [
        {
          family: AF.INET,
          index: VETH0,
          state: NUD.NONE,
          flags: NTF.PROXY,
          type: RTN.UNICAST,
          ip: '10.1.2.60',
        },
      ],
    },
  ] as const;

  for (const { key, proxy, expected } of cases) {
    const captured = DUMPS[key];

    test(`\`${captured.command}\` asks for ${proxy ? 'proxy' : 'ordinary'} entries`, () => {
      const request = capturedMessage(captured.request);
      expect(request.type).toBe(RTM.GETNEIGH);
      expect(decodeNeighbourMessage(request.payload).flags).toBe(proxy ? NTF.PROXY : 0);
    });

    testGoldenReplies(
      captured,
      { decode: decodeNeighbourMessage, encode: encodeNeighbourMessage, toRecord: toNeighbour },
      expected,
    );
  }
});
