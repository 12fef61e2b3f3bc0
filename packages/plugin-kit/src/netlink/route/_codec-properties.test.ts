// Property tests for every rtnetlink message kind in route/ (addresses, routes, rules,
// neighbours), generated from one table: decoding arbitrary bytes returns or throws
// DecodeError, never anything else; whatever decodes re-encodes, and decoding that gives the
// same message again. Inputs come from a seeded PRNG, so a failure repeats.
import { describe, expect, test } from 'bun:test';
import { isDecodeError } from '../codec/decode-error.ts';
import type { CapturedDump, CapturedRequest } from './_golden.ts';
import { capturedMessage, seededRandom } from './_golden.ts';
import { decodeAddressMessage, toAddress } from './address/decode.ts';
import { encodeAddressMessage } from './address/encode.ts';
import * as addressFixtures from './address/fixtures.ts';
import { decodeNeighbourMessage, toNeighbour } from './neigh/decode.ts';
import { encodeNeighbourMessage } from './neigh/encode.ts';
import * as neighFixtures from './neigh/fixtures.ts';
import { decodeRouteMessage, toRoute } from './route/decode.ts';
import { encodeRouteMessage } from './route/encode.ts';
import * as routeFixtures from './route/fixtures.ts';
import { decodeRuleMessage, toRule } from './rule/decode.ts';
import { encodeRuleMessage } from './rule/encode.ts';
import * as ruleFixtures from './rule/fixtures.ts';

interface Kind {
  readonly name: string;
  readonly headerLength: number;
  /** The highest attribute type the table knows, so generated attributes hit it often. */
  readonly maxType: number;
  readonly decode: (payload: Uint8Array) => unknown;
  readonly encode: (message: never) => Uint8Array;
  readonly view: (message: never) => unknown;
  readonly fixtures: {
    readonly REQUESTS: Readonly<Record<string, CapturedRequest>>;
    readonly DUMPS: Readonly<Record<string, CapturedDump>>;
  };
}

const kinds: readonly Kind[] = [
  {
    name: 'RTM_*ADDR',
    headerLength: 8,
    maxType: 11,
    decode: decodeAddressMessage,
    encode: encodeAddressMessage,
    view: toAddress,
    fixtures: addressFixtures,
  },
  {
    name: 'RTM_*ROUTE',
    headerLength: 12,
    maxType: 30,
    decode: decodeRouteMessage,
    encode: encodeRouteMessage,
    view: toRoute,
    fixtures: routeFixtures,
  },
  {
    name: 'RTM_*RULE',
    headerLength: 12,
    maxType: 24,
    decode: decodeRuleMessage,
    encode: encodeRuleMessage,
    view: toRule,
    fixtures: ruleFixtures,
  },
  {
    name: 'RTM_*NEIGH',
    headerLength: 12,
    maxType: 17,
    decode: decodeNeighbourMessage,
    encode: encodeNeighbourMessage,
    view: toNeighbour,
    fixtures: neighFixtures,
  },
];

function goldenPayloads(kind: Kind): Uint8Array[] {
  const requests = Object.values(kind.fixtures.REQUESTS).map((c) => c.hex);
  const replies = Object.values(kind.fixtures.DUMPS).flatMap((d) => [d.request, ...d.replies]);
  return [...requests, ...replies].map((hex) => capturedMessage(hex).payload);
}

type Random = () => number;

function int(random: Random, below: number): number {
  return Math.floor(random() * below);
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => int(random, 256));
}

/** A well-formed TLV stream of random attributes (some nested in RTA_METRICS/MULTIPATH). */
function randomAttributes(random: Random, maxType: number, depth = 0): Uint8Array {
  const chunks: number[] = [];
  const count = int(random, 6);
  for (let i = 0; i < count; i++) {
    const type = int(random, maxType + 3) | (random() < 0.05 ? 0x8000 : 0);
    const value =
      depth < 2 && random() < 0.2
        ? randomAttributes(random, maxType, depth + 1)
        : randomBytes(random, [0, 1, 2, 4, 8, 16, 20, 32][int(random, 8)] ?? 4);
    const length = 4 + value.length;
    chunks.push(length & 0xff, length >> 8, type & 0xff, type >> 8, ...value);
    while (chunks.length % 4 !== 0) chunks.push(0);
  }
  return Uint8Array.from(chunks);
}

/** One input: random bytes, a mutated or cut golden payload, or a header with random TLVs. */
function randomInput(random: Random, kind: Kind, golden: readonly Uint8Array[]): Uint8Array {
  const pick = golden[int(random, golden.length)] ?? new Uint8Array();
  switch (int(random, 4)) {
    case 0:
      return randomBytes(random, int(random, 96));
    case 1: {
      const copy = pick.slice();
      const flips = 1 + int(random, 4);
      for (let i = 0; i < flips && copy.length > 0; i++)
        copy[int(random, copy.length)] = int(random, 256);
      return copy;
    }
    case 2:
      return pick.subarray(0, int(random, pick.length + 1));
    default: {
      const header = randomBytes(random, kind.headerLength);
      header[0] = [2, 10, 0, 7, 128][int(random, 5)] ?? 2;
      const body = randomAttributes(random, kind.maxType);
      const out = new Uint8Array(header.length + body.length);
      out.set(header);
      out.set(body, header.length);
      return out;
    }
  }
}

function decodeOrDecodeError(decode: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (isDecodeError(error)) return { ok: false };
    throw error;
  }
}

const CASES = 3000;

describe.each(kinds.map((kind) => [kind.name, kind] as const))(
  '%s codec properties',
  (_name, kind) => {
    const golden = goldenPayloads(kind);

    test(`decoding ${CASES} random inputs returns or throws DecodeError, and what decodes is stable`, () => {
      const random = seededRandom(0xc0ffee ^ kind.headerLength ^ kind.maxType);
      let decoded = 0;
      for (let i = 0; i < CASES; i++) {
        const input = randomInput(random, kind, golden);
        const result = decodeOrDecodeError(() => kind.decode(input));
        if (!result.ok) continue;
        decoded++;
        const message = result.value as never;
        const again = kind.decode(kind.encode(message));
        expect(again).toEqual(result.value);
        decodeOrDecodeError(() => kind.view(message));
      }
      // Most inputs must get past the header, or the property says little.
      expect(decoded).toBeGreaterThan(CASES / 4);
    });

    test('decode(encode(decode(x))) equals decode(x) for every golden message', () => {
      for (const payload of golden) {
        const message = kind.decode(payload);
        expect(kind.decode(kind.encode(message as never))).toEqual(message);
      }
    });
  },
);
