// Property tests over one table of message types: decoding arbitrary bytes returns a record
// or throws DecodeError (never anything else), and decode∘encode∘decode is stable on every
// golden message.
import { describe, expect, test } from 'bun:test';
import { concatBytes, nla } from '../../codec/attributes.ts';
import { AF, RTM } from '../../codec/constants.ts';
import { isDecodeError } from '../../codec/decode-error.ts';
import { decodeMessages, type NetlinkMessage } from '../../codec/header.ts';
import { IFLA, IFLA_INFO } from './constants.ts';
import { decodeLinkMessage } from './decode.ts';
import { encodeLinkMessage } from './encode.ts';
import { capturedReplies } from './fixtures/link-replies.ts';
import { capturedRequests } from './fixtures/link-requests.ts';
import { encodeIfInfoMsg } from './ifinfomsg.ts';
import { linkKinds } from './kinds/kind-map.ts';

/** mulberry32: a small seeded PRNG, so every run tests the same cases. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (random: Random, below: number): number => Math.floor(random() * below);
const bytes = (random: Random, length: number): Uint8Array =>
  Uint8Array.from({ length }, () => int(random, 256));

/** Random attributes, mostly well framed, with random types and value sizes (0 to 20 bytes). */
function randomAttributes(random: Random, maxType: number, count: number): Uint8Array {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++)
    out.push(nla.bytes(int(random, maxType + 2), bytes(random, int(random, 21))));
  return concatBytes(out);
}

/** Flips, truncates or overwrites some bytes of a valid message. */
function mutate(random: Random, source: Uint8Array): Uint8Array {
  const out = source.slice(
    0,
    int(random, 4) === 0 ? int(random, source.length + 1) : source.length,
  );
  const edits = 1 + int(random, 8);
  for (let i = 0; i < edits && out.length > 0; i++) out[int(random, out.length)] = int(random, 256);
  return out;
}

const goldenMessages: NetlinkMessage[] = [
  ...Object.values(capturedRequests).map((c) => c.hex),
  ...Object.values(capturedReplies).map((c) => c.hex),
].flatMap((hex) => decodeMessages(Uint8Array.from(Buffer.from(hex, 'hex'))));

interface MessageType {
  readonly name: string;
  /** Builds one arbitrary payload for this message type. */
  readonly arbitrary: (random: Random) => Uint8Array;
  readonly type: number;
}

const linkinfoOf = (kind: string, data: Uint8Array, slave: boolean): Uint8Array =>
  nla.nested(IFLA.LINKINFO, [
    nla.string(slave ? IFLA_INFO.SLAVE_KIND : IFLA_INFO.KIND, kind),
    nla.bytes(slave ? IFLA_INFO.SLAVE_DATA : IFLA_INFO.DATA, data),
  ]);

const messageTypes: MessageType[] = [
  { name: 'RTM_NEWLINK, random bytes', type: RTM.NEWLINK, arbitrary: (r) => bytes(r, int(r, 120)) },
  {
    name: 'RTM_NEWLINK, random attributes',
    type: RTM.NEWLINK,
    arbitrary: (r) =>
      concatBytes([
        encodeIfInfoMsg({ family: int(r, 2) * AF.BRIDGE }),
        randomAttributes(r, 70, 1 + int(r, 12)),
      ]),
  },
  {
    name: 'RTM_NEWLINK, mutated golden messages',
    type: RTM.NEWLINK,
    arbitrary: (r) =>
      mutate(r, goldenMessages[int(r, goldenMessages.length)]?.payload ?? new Uint8Array(0)),
  },
  ...Object.keys(linkKinds).map(
    (kind): MessageType => ({
      name: `RTM_NEWLINK, random IFLA_INFO_DATA of kind ${kind}`,
      type: RTM.NEWLINK,
      arbitrary: (r) =>
        concatBytes([
          encodeIfInfoMsg({}),
          linkinfoOf(kind, randomAttributes(r, 50, 1 + int(r, 8)), false),
        ]),
    }),
  ),
  {
    name: 'RTM_NEWLINK, random bridge port IFLA_INFO_SLAVE_DATA',
    type: RTM.NEWLINK,
    arbitrary: (r) =>
      concatBytes([
        encodeIfInfoMsg({}),
        linkinfoOf('bridge', randomAttributes(r, 46, 1 + int(r, 8)), true),
      ]),
  },
  {
    name: 'AF_BRIDGE RTM_SETLINK, random IFLA_PROTINFO',
    type: RTM.SETLINK,
    arbitrary: (r) =>
      concatBytes([
        encodeIfInfoMsg({ family: AF.BRIDGE, index: 3 }),
        nla.bytes(IFLA.PROTINFO, randomAttributes(r, 46, 1 + int(r, 8))),
      ]),
  },
  {
    name: 'RTM_NEWLINK, random VETH_INFO_PEER',
    type: RTM.NEWLINK,
    arbitrary: (r) =>
      concatBytes([
        encodeIfInfoMsg({}),
        linkinfoOf('veth', nla.bytes(1, bytes(r, int(r, 40))), false),
      ]),
  },
];

const CASES = 3000;

describe('decodeLinkMessage on arbitrary input', () => {
  for (const [i, messageType] of messageTypes.entries()) {
    test(`${messageType.name}: returns a record or throws DecodeError (${CASES} cases)`, () => {
      const random = prng(0x5eed + i);
      let decoded = 0;
      for (let n = 0; n < CASES; n++) {
        const payload = messageType.arbitrary(random);
        try {
          decodeLinkMessage({ type: messageType.type, payload });
          decoded++;
        } catch (error) {
          if (!isDecodeError(error)) {
            throw new Error(
              `not a DecodeError for ${Buffer.from(payload).toString('hex')}: ${String(error)}`,
            );
          }
        }
      }
      // The generator must reach past the header, or the property says little.
      if (messageType.name !== 'RTM_NEWLINK, random bytes') expect(decoded).toBeGreaterThan(0);
    });
  }
});

describe('decode∘encode on golden messages', () => {
  test(`is stable for all ${goldenMessages.length} captured messages`, () => {
    for (const message of goldenMessages) {
      const once = decodeLinkMessage(message);
      const twice = decodeLinkMessage({ type: message.type, payload: encodeLinkMessage(once) });
      expect(twice).toEqual(once);
    }
  });
});
