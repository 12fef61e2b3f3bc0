// Property tests for every traffic-control message type and nested codec, from one table:
// decoding random or mutated bytes returns or throws DecodeError, never anything else; and
// for every golden message decode(encode(decode(x))) equals decode(x).
import { describe, expect, test } from 'bun:test';
import { NLMSG, RTM } from '../../codec/constants.ts';
import { isDecodeError } from '../../codec/decode-error.ts';
import { decodeMessages, type NetlinkMessage } from '../../codec/header.ts';
import { goBandwidthRequests, tcCaptures } from './_captures.ts';
import { captured, fromHex } from './_test-support.ts';
import { decodeActionList } from './action/list.ts';
import { mirredOptions } from './action/mirred.ts';
import { decodeFilterMessage, decodeQdiscMessage, toFilter, toQdisc } from './decode.ts';
import { encodeFilterMessage, encodeQdiscMessage } from './encode.ts';
import { u32Options } from './filter/u32.ts';
import { clsactOptions } from './qdisc/clsact.ts';
import { ingressOptions } from './qdisc/ingress.ts';
import { tbfOptions } from './qdisc/tbf.ts';
import { decodeTcHeader } from './tcmsg.ts';

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomBytes(next: () => number, max: number): Uint8Array {
  return Uint8Array.from({ length: Math.floor(next() * max) }, () => Math.floor(next() * 256));
}

/** A golden payload with a few bytes changed: gets past the headers more often than noise. */
function mutated(next: () => number, payload: Uint8Array): Uint8Array {
  const out = payload.slice(0, Math.max(0, payload.length - Math.floor(next() * 8)));
  const flips = 1 + Math.floor(next() * 4);
  for (let i = 0; i < flips && out.length > 0; i++) {
    out[Math.floor(next() * out.length)] = Math.floor(next() * 256);
  }
  return out;
}

const goldenMessages: NetlinkMessage[] = [
  ...Object.values(tcCaptures).flatMap((capture) => [
    captured(capture.request),
    ...capture.replies.map(captured),
  ]),
  ...Object.values(goBandwidthRequests).map(captured),
].filter((message) => message.type !== NLMSG.ERROR && message.type !== NLMSG.DONE);

const isQdiscType = (type: number) =>
  type === RTM.NEWQDISC || type === RTM.DELQDISC || type === RTM.GETQDISC;

const goldenQdiscs = goldenMessages.filter((m) => isQdiscType(m.type)).map((m) => m.payload);
const goldenFilters = goldenMessages.filter((m) => !isQdiscType(m.type)).map((m) => m.payload);
const TCA_OPTIONS_AT = 20; // nested codecs get fed the bytes after struct tcmsg too

interface Codec {
  readonly name: string;
  readonly decode: (bytes: Uint8Array) => unknown;
  readonly seeds: readonly Uint8Array[];
}

const codecs: Codec[] = [
  { name: 'tcmsg', decode: (b) => decodeTcHeader(b, ['tcmsg']), seeds: goldenQdiscs },
  {
    name: 'RTM_NEWQDISC',
    decode: (b) => toQdisc(decodeQdiscMessage(b)),
    seeds: goldenQdiscs,
  },
  {
    name: 'RTM_NEWTFILTER',
    decode: (b) => toFilter(decodeFilterMessage(b)),
    seeds: goldenFilters,
  },
  {
    name: 'tbf options',
    decode: (b) => tbfOptions.decode(b, ['tbf']),
    seeds: goldenQdiscs.map((p) => p.subarray(TCA_OPTIONS_AT)),
  },
  {
    name: 'ingress options',
    decode: (b) => ingressOptions.decode(b, ['ingress']),
    seeds: goldenQdiscs.map((p) => p.subarray(TCA_OPTIONS_AT)),
  },
  {
    name: 'clsact options',
    decode: (b) => clsactOptions.decode(b, ['clsact']),
    seeds: goldenQdiscs.map((p) => p.subarray(TCA_OPTIONS_AT)),
  },
  {
    name: 'u32 options',
    decode: (b) => u32Options.decode(b, ['u32']),
    seeds: goldenFilters.map((p) => p.subarray(TCA_OPTIONS_AT)),
  },
  {
    name: 'action list',
    decode: (b) => decodeActionList(b, ['actions']),
    seeds: goldenFilters.map((p) => p.subarray(TCA_OPTIONS_AT)),
  },
  {
    name: 'mirred options',
    decode: (b) => mirredOptions.decode(b, ['mirred']),
    seeds: goldenFilters.map((p) => p.subarray(TCA_OPTIONS_AT)),
  },
];

function onlyDecodeErrors(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  try {
    decode(bytes);
  } catch (error) {
    if (!isDecodeError(error)) {
      throw new Error(`threw ${String(error)} for ${Buffer.from(bytes).toString('hex')}`);
    }
  }
}

describe('decoding random bytes returns or throws DecodeError', () => {
  codecs.forEach((codec, i) => {
    test(`${codec.name}: 3000 random and 3000 mutated inputs`, () => {
      const next = prng(0x7c0ffee + i);
      for (let n = 0; n < 3000; n++) onlyDecodeErrors(codec.decode, randomBytes(next, 256));
      for (let n = 0; n < 3000; n++) {
        const seed = codec.seeds[Math.floor(next() * codec.seeds.length)] ?? new Uint8Array(0);
        onlyDecodeErrors(codec.decode, mutated(next, seed));
      }
    });
  });
});

describe('encode(decode(x)) is stable for the golden messages', () => {
  test(`all ${goldenMessages.length} captured messages`, () => {
    expect(goldenMessages.length).toBeGreaterThan(40);
    for (const message of goldenMessages) {
      if (isQdiscType(message.type)) {
        const decoded = decodeQdiscMessage(message.payload);
        expect(decodeQdiscMessage(encodeQdiscMessage(decoded))).toEqual(decoded);
      } else {
        const decoded = decodeFilterMessage(message.payload);
        expect(decodeFilterMessage(encodeFilterMessage(decoded))).toEqual(decoded);
      }
    }
  });

  test('fromHex and the captures agree on message boundaries', () => {
    const datagram = fromHex(tcCaptures.qdiscShow.replies.join(''));
    expect(decodeMessages(datagram).length).toBe(tcCaptures.qdiscShow.replies.length);
  });
});
