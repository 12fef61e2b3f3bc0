// Test support for the route/ codecs (not exported from the package): the shape of golden
// captures, hex helpers, a requester double that records requests and answers from a
// handler, and the golden request/dump tests every message kind runs.

import { expect, test } from 'bun:test';
import {
  ack,
  createFakeTransport,
  type FakeDatagram,
  type FakeTransport,
  multipart,
} from '../../testing/fake-transport.ts';
import { NLM_F } from '../codec/constants.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../codec/header.ts';
import { NetlinkSocket } from '../socket/netlink-socket.ts';
import type { NetlinkRequest, NetlinkRequester } from '../socket/requester.ts';

/** One request captured from `ip`: the command and the whole message in hex. */
export interface CapturedRequest {
  readonly command: string;
  readonly hex: string;
}

/** One dump captured from `ip`: the request and every reply message of the object's type. */
export interface CapturedDump {
  readonly command: string;
  readonly request: string;
  readonly replies: readonly string[];
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The one message in a captured hex string. */
export function capturedMessage(hex: string): NetlinkMessage {
  const messages = decodeMessages(fromHex(hex));
  const [message] = messages;
  if (message === undefined || messages.length !== 1) throw new Error('expected one message');
  return message;
}

/** A captured message in hex with nlmsg_seq and nlmsg_pid set to zero. */
export function withoutSeqPid(hex: string): string {
  const message = capturedMessage(hex);
  return toHex(encodeMessage({ ...message, seq: 0, pid: 0 }));
}

/**
 * The message a NetlinkSocket sends for `request` (it adds NLM_F_REQUEST, and NLM_F_ACK
 * unless the request is a dump), in hex with seq and pid zero, to compare with
 * `withoutSeqPid(captured)`.
 */
export function wireHex(request: NetlinkRequest): string {
  const isDump = (request.flags & NLM_F.DUMP) === NLM_F.DUMP;
  const flags = request.flags | NLM_F.REQUEST | (isDump ? 0 : NLM_F.ACK);
  return toHex(
    encodeMessage({ type: request.type, flags, seq: 0, pid: 0, payload: request.payload }),
  );
}

/** A requester double: records every request and answers with `reply(request)` (default none). */
export function recordingRequester(
  reply: (request: NetlinkRequest) => NetlinkMessage[] = () => [],
): NetlinkRequester & { readonly requests: NetlinkRequest[] } {
  const requests: NetlinkRequest[] = [];
  return {
    requests,
    request(request) {
      requests.push(request);
      return reply(request);
    },
  };
}

/** The request a single-request operation made (throws unless exactly one was made). */
export function onlyRequest(requests: readonly NetlinkRequest[]): NetlinkRequest {
  const [request] = requests;
  if (request === undefined || requests.length !== 1) {
    throw new Error(`expected one request, got ${requests.length}`);
  }
  return request;
}

/**
 * A NetlinkSocket over a fake transport whose "kernel" answers with `reply` (an ACK when it
 * returns nothing for a plain request), plus the transport to inspect what was sent.
 */
export function fakeSocket(
  reply: (request: NetlinkMessage) => readonly FakeDatagram[] = () => [],
): {
  readonly sock: NetlinkSocket;
  readonly transport: FakeTransport;
} {
  const transport = createFakeTransport((request) => {
    const answer = reply(request);
    return answer.length > 0 ? answer : [ack(request)];
  });
  return { sock: new NetlinkSocket(transport), transport };
}

/** The dump answer of `replies` (captured hex messages) for `request`, in one datagram. */
export function dumpOf(request: NetlinkMessage, replies: readonly string[]): FakeDatagram[] {
  const [first] = replies;
  const type = first === undefined ? 0 : capturedMessage(first).type;
  return [
    multipart(
      request,
      type,
      replies.map((hex) => capturedMessage(hex).payload),
    ),
  ];
}

/** The i-th request a fake transport got, in hex with seq and pid zero. */
export function sentHex(transport: FakeTransport, index = 0): string {
  const request = transport.requests[index];
  if (request === undefined) throw new Error(`no request ${index}`);
  return toHex(encodeMessage({ ...request, seq: 0, pid: 0 }));
}

export { thrown } from '../../testing/thrown.ts';

/** A small seeded PRNG (mulberry32), so property tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How a golden test reaches one message kind's codec. */
export interface GoldenCodec<S, M> {
  readonly toMessage: (spec: S, command: 'new' | 'del') => M;
  readonly decode: (payload: Uint8Array) => M;
  readonly encode: (message: M) => Uint8Array;
}

/** A captured `ip` request, and the operation and spec that must send the same bytes. */
export interface GoldenRequestCase<K extends string, S> {
  readonly key: K;
  readonly op: (sock: NetlinkRequester, spec: S) => void;
  readonly spec: S;
}

/**
 * Registers the golden request tests: every capture has a case (or is one of `otherKeys`),
 * each case's operation sends the captured bytes, and each captured message decodes to the
 * spec's message ('del' when the key starts so) and encodes back to the same bytes.
 */
export function testGoldenRequests<K extends string, S, M>(
  captures: Readonly<Record<K, CapturedRequest>>,
  cases: readonly GoldenRequestCase<K, S>[],
  codec: GoldenCodec<S, M>,
  otherKeys: readonly K[] = [],
): void {
  test('every captured request has a case', () => {
    const keys: string[] = [...cases.map((c) => c.key), ...otherKeys];
    expect(keys.sort()).toEqual(Object.keys(captures).sort());
  });

  for (const { key, op, spec } of cases) {
    const captured = captures[key];
    test(`sends the bytes of \`${captured.command}\``, () => {
      const sock = recordingRequester();
      op(sock, spec);
      expect(wireHex(onlyRequest(sock.requests))).toBe(withoutSeqPid(captured.hex));
    });

    test(`decodes \`${captured.command}\` to the spec's message and encodes it back`, () => {
      const raw = capturedMessage(captured.hex).payload;
      const expected = codec.toMessage(spec, key.startsWith('del') ? 'del' : 'new');
      expect(codec.decode(raw)).toEqual(expected);
      expect(toHex(codec.encode(expected))).toBe(toHex(raw));
    });
  }
}

/**
 * Registers the golden dump-reply tests: every reply of `captured` decodes to the `expected`
 * records (without their `message`), and every decoded reply encodes back to the kernel bytes.
 */
export function testGoldenReplies<M, R extends { readonly message: M }>(
  captured: CapturedDump,
  codec: Pick<GoldenCodec<never, M>, 'decode' | 'encode'> & { readonly toRecord: (m: M) => R },
  expected: readonly Omit<R, 'message'>[],
): void {
  const replies = captured.replies.map((hex) => capturedMessage(hex));

  test(`decodes every reply of \`${captured.command}\` to the expected record`, () => {
    const rows = replies.map((reply) => {
      const { message: _message, ...row } = codec.toRecord(codec.decode(reply.payload));
      return row;
    });
    expect(rows).toEqual([...expected]);
  });

  test(`encodes every decoded reply of \`${captured.command}\` back to the kernel bytes`, () => {
    for (const reply of replies) {
      const message = codec.decode(reply.payload);
      expect(toHex(codec.encode(message))).toBe(toHex(reply.payload));
    }
  });
}
