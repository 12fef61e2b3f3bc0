// Test support for the route/ codecs (not exported from the package): the shape of golden
// captures, hex helpers, and a requester double that records requests and answers from a
// handler.

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

/** The error `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

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
