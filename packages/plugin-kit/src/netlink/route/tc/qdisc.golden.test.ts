// Golden tests against tc's own messages (iproute2 6.1, kernel 6.18; see _captures.ts).
// Requests: our spec builder gives exactly tc's bytes, and tc's bytes decode to what the
// builder makes. Replies: the kernel's dumps decode to the expected records and encode back
// to the same bytes.
import { describe, expect, test } from 'bun:test';
import { messageTypeName, NLM_F, RTM } from '../../codec/constants.ts';
import { encodeMessage, type NetlinkMessage } from '../../codec/header.ts';
import { tcCaptures } from './_captures.ts';
import { captured, zeroSeqPid } from './_test-support.ts';
import { TC_H, TC_LINKLAYER } from './constants.ts';
import { decodeQdiscMessage, toQdisc } from './decode.ts';
import { encodeQdiscMessage, qdiscSpecToMessage, qdiscTargetToMessage } from './encode.ts';
import { tcHandle } from './handle.ts';
import type { QdiscMessage, QdiscSpec, QdiscTarget } from './types.ts';

/** The flags on the wire: the socket adds NLM_F_REQUEST, and NLM_F_ACK unless it is a dump. */
function wireFlags(flags: number): number {
  return flags | NLM_F.REQUEST | ((flags & NLM_F.DUMP) === NLM_F.DUMP ? 0 : NLM_F.ACK);
}

function decode(message: NetlinkMessage): QdiscMessage {
  return decodeQdiscMessage(message.payload, [messageTypeName(message.type)]);
}

function encodeAs(message: NetlinkMessage, qdisc: QdiscMessage): Uint8Array {
  return encodeMessage({ ...message, seq: 0, pid: 0, payload: encodeQdiscMessage(qdisc) });
}

interface RequestCase {
  readonly name: keyof typeof tcCaptures;
  readonly type: number;
  readonly flags: number;
  readonly build: () => QdiscMessage;
}

const tbfVeth0: QdiscSpec = {
  kind: 'tbf',
  index: 3,
  handle: tcHandle(1, 0),
  rate: 1_000_000,
  burst: 125_000,
  limit: 150_000,
};

const requests: RequestCase[] = [
  {
    name: 'qdiscAddTbf',
    type: RTM.NEWQDISC,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    build: () => qdiscSpecToMessage(tbfVeth0),
  },
  {
    name: 'qdiscAddTbfIfb',
    type: RTM.NEWQDISC,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    build: () =>
      qdiscSpecToMessage({
        kind: 'tbf',
        index: 4,
        handle: tcHandle(1, 0),
        rate: 500_000,
        burst: 62_500,
        limit: 75_000,
      }),
  },
  {
    name: 'qdiscAddTbfPeak',
    type: RTM.NEWQDISC,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    build: () =>
      qdiscSpecToMessage({
        kind: 'tbf',
        index: 5,
        handle: tcHandle(5, 0),
        rate: 125_000,
        burst: 10 * 1024,
        latency: 70_000,
        peakrate: 250_000,
        mtu: 1540,
      }),
  },
  {
    name: 'qdiscReplaceTbfRate64',
    type: RTM.NEWQDISC,
    flags: NLM_F.CREATE | NLM_F.REPLACE,
    build: () =>
      qdiscSpecToMessage({
        kind: 'tbf',
        index: 5,
        handle: tcHandle(5, 0),
        rate: 5_000_000_000,
        burst: 1024 * 1024,
        limit: 2 * 1024 * 1024,
      }),
  },
  {
    name: 'qdiscAddIngress',
    type: RTM.NEWQDISC,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    build: () => qdiscSpecToMessage({ kind: 'ingress', index: 3 }),
  },
  {
    name: 'qdiscAddClsact',
    type: RTM.NEWQDISC,
    flags: NLM_F.CREATE | NLM_F.EXCL,
    build: () => qdiscSpecToMessage({ kind: 'clsact', index: 2 }),
  },
  ...(
    [
      [
        'qdiscDelIngress',
        { index: 3, parent: TC_H.INGRESS, handle: tcHandle(0xffff, 0), kind: 'ingress' },
      ],
      [
        'qdiscDelClsact',
        { index: 2, parent: TC_H.INGRESS, handle: tcHandle(0xffff, 0), kind: 'clsact' },
      ],
      ['qdiscDelRoot', { index: 3, parent: TC_H.ROOT }],
      ['qdiscDelMissing', { index: 2, parent: TC_H.ROOT }],
    ] as const satisfies readonly (readonly [keyof typeof tcCaptures, QdiscTarget])[]
  ).map(([name, target]) => ({
    name,
    type: RTM.DELQDISC,
    flags: 0,
    build: () => qdiscTargetToMessage(target),
  })),
  {
    name: 'qdiscShowDev',
    type: RTM.GETQDISC,
    flags: NLM_F.DUMP,
    build: () => qdiscTargetToMessage({ index: 3, parent: 0 }),
  },
  {
    name: 'qdiscShow',
    type: RTM.GETQDISC,
    flags: NLM_F.DUMP,
    build: () => qdiscTargetToMessage({ index: 0, parent: 0 }),
  },
];

describe('qdisc requests, byte for byte as tc sends them', () => {
  for (const { name, type, flags, build } of requests) {
    test(`${name}: \`${tcCaptures[name].command}\``, () => {
      const raw = captured(tcCaptures[name].request);
      expect(raw.type).toBe(type);
      expect(raw.flags).toBe(wireFlags(flags));
      expect(decode(raw)).toEqual(build());
      expect(encodeAs(raw, build())).toEqual(zeroSeqPid(raw));
    });
  }

  test('a tbf given latency instead of limit computes tc limit (150000 for 25 ms)', () => {
    const { limit: _limit, ...rest } = tbfVeth0;
    const raw = captured(tcCaptures.qdiscAddTbf.request);
    expect(encodeAs(raw, qdiscSpecToMessage({ ...rest, latency: 25_000 }))).toEqual(
      zeroSeqPid(raw),
    );
  });
});

describe('qdisc dumps from the kernel', () => {
  const dump = tcCaptures.qdiscShow.replies.map(captured);

  test('every reply decodes and encodes back to the same bytes', () => {
    for (const capture of Object.values(tcCaptures)) {
      for (const reply of capture.replies.map(captured)) {
        if (reply.type !== RTM.NEWQDISC) continue;
        expect(encodeAs(reply, decode(reply))).toEqual(zeroSeqPid(reply));
      }
    }
  });

  test('`tc qdisc show` lists every link, default qdiscs included', () => {
    const listed = dump.map((reply) => toQdisc(decode(reply)));
    expect(listed.map((q) => [q.index, q.kind, q.handle, q.parent, q.refcnt])).toEqual([
      [1, 'noqueue', 0, TC_H.ROOT, 2],
      [2, 'noqueue', 0, TC_H.ROOT, 2],
      [2, 'clsact', tcHandle(0xffff, 0), TC_H.INGRESS, 1],
      [3, 'tbf', tcHandle(1, 0), TC_H.ROOT, 3],
      [3, 'ingress', tcHandle(0xffff, 0), TC_H.INGRESS, 1],
      [4, 'tbf', tcHandle(1, 0), TC_H.ROOT, 2],
      [5, 'tbf', tcHandle(5, 0), TC_H.ROOT, 3],
      [6, 'mq', tcHandle(1, 0), TC_H.ROOT, 1],
      [6, 'pfifo_fast', 0, tcHandle(1, 4), 1],
      [6, 'pfifo_fast', 0, tcHandle(1, 3), 1],
      [6, 'pfifo_fast', 0, tcHandle(1, 2), 1],
      [6, 'pfifo_fast', 0, tcHandle(1, 1), 1],
    ]);
  });

  test('tbf on veth0 reads back as "rate 8Mbit burst 125000b lat 25ms"', () => {
    const reply = dump[3];
    if (reply === undefined) throw new Error('capture changed');
    const message = decode(reply);
    const zeroStats = {
      bytes: 0,
      packets: 0,
      drops: 0,
      overlimits: 0,
      requeues: 0,
      qlen: 0,
      backlog: 0,
    };
    expect(toQdisc(message)).toEqual({
      index: 3,
      handle: tcHandle(1, 0),
      parent: TC_H.ROOT,
      kind: 'tbf',
      refcnt: 3,
      tbf: {
        rate: 1_000_000,
        burst: 125_000,
        limit: 150_000,
        buffer: 1_953_125,
        latency: 25_000,
        linklayer: TC_LINKLAYER.ETHERNET,
        mpu: 0,
        overhead: 0,
      },
      stats: zeroStats,
      message,
    });
    const zeroSpec = { cellLog: 0, linklayer: 0, overhead: 0, cellAlign: 0, mpu: 0, rate: 0 };
    const expected: QdiscMessage = {
      family: 0,
      index: 3,
      handle: tcHandle(1, 0),
      parent: TC_H.ROOT,
      info: 3,
      attributes: [
        { kind: 'TCA_KIND', value: 'tbf' },
        {
          kind: 'TCA_OPTIONS',
          value: {
            kind: 'tbf',
            attributes: [
              {
                kind: 'TCA_TBF_PARMS',
                value: {
                  rate: { ...zeroSpec, linklayer: TC_LINKLAYER.ETHERNET, rate: 1_000_000 },
                  peakrate: zeroSpec,
                  limit: 150_000,
                  buffer: 1_953_125,
                  mtu: 0,
                },
              },
            ],
          },
        },
        { kind: 'TCA_HW_OFFLOAD', value: 0 },
        {
          kind: 'TCA_STATS2',
          value: [
            { kind: 'TCA_STATS_BASIC', value: { bytes: 0n, packets: 0 } },
            {
              kind: 'TCA_STATS_QUEUE',
              value: { qlen: 0, backlog: 0, drops: 0, requeues: 0, overlimits: 0 },
            },
          ],
        },
        {
          kind: 'TCA_STATS',
          value: {
            bytes: 0n,
            packets: 0,
            drops: 0,
            overlimits: 0,
            bps: 0,
            pps: 0,
            qlen: 0,
            backlog: 0,
          },
        },
      ],
    };
    expect(message).toEqual(expected);
    expect(encodeAs(reply, expected)).toEqual(zeroSeqPid(reply));
  });

  test('tbf with a rate above 2^32 bytes/s reads back as "rate 40Gbit burst 1045000b lat 210us"', () => {
    const qdisc = toQdisc(decode(dump[6] ?? captured('')));
    expect(qdisc.tbf?.rate).toBe(5_000_000_000);
    expect(qdisc.tbf?.burst).toBe(1_045_000);
    expect(Math.trunc(qdisc.tbf?.latency ?? 0)).toBe(210);
    expect(qdisc.tbf?.limit).toBe(2 * 1024 * 1024);
  });

  test('tbf with a peak rate reads back as "rate 1Mbit burst 10Kb peakrate 2Mbit minburst 1540b lat 70ms"', () => {
    const replies = tcCaptures.qdiscShowDevFq0Peak.replies.map(captured);
    const tbf = replies.map((reply) => toQdisc(decode(reply))).find((q) => q.index === 5);
    expect(tbf?.tbf).toEqual({
      rate: 125_000,
      burst: 10_240,
      limit: 18_990,
      buffer: 1_280_000,
      latency: 70_000,
      linklayer: TC_LINKLAYER.ETHERNET,
      mpu: 0,
      overhead: 0,
      peakrate: 250_000,
      minburst: 1540,
    });
  });

  test('ingress and clsact have empty options; other kinds keep theirs as bytes', () => {
    const listed = dump.map((reply) => toQdisc(decode(reply)));
    const options = (index: number) =>
      listed[index]?.message.attributes.find((a) => a.kind === 'TCA_OPTIONS')?.value;
    expect(options(2)).toEqual({ kind: 'clsact', attributes: [] });
    expect(options(4)).toEqual({ kind: 'ingress', attributes: [] });
    expect(options(0)).toBeUndefined();
    // pfifo_fast: struct tc_prio_qopt, bands 3 and the priomap
    expect(options(8)).toEqual({
      kind: 'opaque',
      bytes: Uint8Array.of(3, 0, 0, 0, 1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1),
    });
  });
});
