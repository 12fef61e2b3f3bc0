// A fake netlink transport for tests without root, after mdlayher/netlink's nltest: a
// handler gets each request message and returns the datagrams the "kernel" answers with.
// The reply builders below make the common answers.

import { concatBytes } from '../netlink/codec/attributes.ts';
import { NLM_F, NLMSG } from '../netlink/codec/constants.ts';
import {
  decodeMessages,
  encodeMessage,
  type NetlinkMessage,
  NLMSG_HDRLEN,
} from '../netlink/codec/header.ts';
import type { NetlinkExtack } from '../netlink/socket/netlink-error.ts';
import {
  type EchoedHeader,
  encodeDone,
  encodeExtack,
  encodeNlmsgerr,
} from '../netlink/socket/nlmsgerr.ts';
import type { Transport } from '../netlink/socket/transport.ts';
import { errnoNumber } from '../sys/errno.ts';

/**
 * A reply message. Without `pid` the fake fills in its own port id, as the kernel
 * addresses every reply to the requesting socket; set `pid` to test a misaddressed reply.
 */
export interface FakeMessage {
  readonly type: number;
  readonly flags: number;
  readonly seq: number;
  readonly pid?: number;
  readonly payload: Uint8Array;
}

/** One datagram: raw bytes, one message, or several messages sent together. */
export type FakeDatagram = Uint8Array | FakeMessage | readonly FakeMessage[];

/** Answers one request with the datagrams to queue for receive(), in order. */
export type FakeHandler = (request: NetlinkMessage) => readonly FakeDatagram[];

export interface FakeTransportOptions {
  /** The port id the fake reports and puts in replies (default 4242). */
  readonly portId?: number;
}

export interface FakeTransport extends Transport {
  /** Every request message sent, decoded, in order. */
  readonly requests: readonly NetlinkMessage[];
  /** Every datagram sent, as bytes. */
  readonly sent: readonly Uint8Array[];
  /** How many reply datagrams are queued and not yet received. */
  readonly pending: number;
  readonly closed: boolean;
}

export const FAKE_PORT_ID = 4242;

function isMessageList(datagram: FakeDatagram): datagram is readonly FakeMessage[] {
  return Array.isArray(datagram);
}

/**
 * A Transport that hands each request to `handler` and queues its answer. receive() with
 * nothing queued throws, since a real socket would block forever: the handler forgot to
 * answer. The handler may also throw, which send() passes on.
 */
export function createFakeTransport(
  handler: FakeHandler,
  options: FakeTransportOptions = {},
): FakeTransport {
  const portId = options.portId ?? FAKE_PORT_ID;
  const requests: NetlinkMessage[] = [];
  const sent: Uint8Array[] = [];
  const queue: Uint8Array[] = [];
  let closed = false;

  const encode = (message: FakeMessage): Uint8Array =>
    encodeMessage({ ...message, pid: message.pid ?? portId });
  const toBytes = (datagram: FakeDatagram): Uint8Array => {
    if (datagram instanceof Uint8Array) return datagram;
    if (isMessageList(datagram)) return concatBytes(datagram.map(encode));
    return encode(datagram);
  };

  return {
    portId,
    requests,
    sent,
    get pending() {
      return queue.length;
    },
    get closed() {
      return closed;
    },
    send(datagram) {
      if (closed) throw new Error('fake transport: send() after close()');
      sent.push(datagram.slice());
      for (const request of decodeMessages(datagram.slice())) {
        requests.push(request);
        for (const reply of handler(request)) queue.push(toBytes(reply));
      }
    },
    receive() {
      if (closed) throw new Error('fake transport: receive() after close()');
      const next = queue.shift();
      if (next === undefined) {
        throw new Error(
          'fake transport: receive() with no reply queued (the handler did not answer)',
        );
      }
      return next;
    },
    close() {
      closed = true;
    },
  };
}

function errnoOfArgument(errno: number | string): number {
  if (typeof errno === 'number') return errno;
  const number = errnoNumber(errno);
  if (number === undefined) throw new Error(`unknown errno name ${errno}`);
  return number;
}

function echoedHeader(request: NetlinkMessage): EchoedHeader {
  const { type, flags, seq, pid } = request;
  return { length: NLMSG_HDRLEN + request.payload.length, type, flags, seq, pid };
}

function control(
  request: NetlinkMessage,
  type: number,
  flags: number,
  payload: Uint8Array,
): FakeMessage {
  return { type, flags, seq: request.seq, payload };
}

/** The kernel's ACK: NLMSG_ERROR with error 0 and the capped request header, optionally with a warning. */
export function ack(request: NetlinkMessage, extack?: NetlinkExtack): FakeMessage {
  const encoded = encodeNlmsgerr({
    error: 0,
    request: echoedHeader(request),
    requestPayload: new Uint8Array(0),
    capped: true,
    attributes: extack === undefined ? [] : encodeExtack(extack),
  });
  return control(request, NLMSG.ERROR, encoded.flags, encoded.payload);
}

export interface ErrorReplyOptions {
  /** Echo only the request header, as with NETLINK_CAP_ACK (default: the whole request). */
  readonly capped?: boolean;
}

/** A kernel error for `request`: NLMSG_ERROR with -errno, the echoed request and the extended ack. */
export function errorReply(
  request: NetlinkMessage,
  errno: number | string,
  extack?: NetlinkExtack,
  options: ErrorReplyOptions = {},
): FakeMessage {
  const capped = options.capped ?? false;
  const encoded = encodeNlmsgerr({
    error: -errnoOfArgument(errno),
    request: echoedHeader(request),
    requestPayload: capped ? new Uint8Array(0) : request.payload,
    capped,
    attributes: extack === undefined ? [] : encodeExtack(extack),
  });
  return control(request, NLMSG.ERROR, encoded.flags, encoded.payload);
}

export interface DoneOptions {
  /** The dump failed part way with this errno. */
  readonly errno?: number | string;
  readonly extack?: NetlinkExtack;
  /** Mark the DONE with NLM_F_DUMP_INTR. */
  readonly interrupted?: boolean;
}

/** The NLMSG_DONE that ends a dump, with an error and extended ack when asked. */
export function done(request: NetlinkMessage, options: DoneOptions = {}): FakeMessage {
  const encoded = encodeDone({
    error: options.errno === undefined ? 0 : -errnoOfArgument(options.errno),
    attributes: options.extack === undefined ? [] : encodeExtack(options.extack),
  });
  const flags = NLM_F.MULTI | encoded.flags | (options.interrupted === true ? NLM_F.DUMP_INTR : 0);
  return control(request, NLMSG.DONE, flags, encoded.payload);
}

export interface MultipartOptions {
  /** Mark every part and the DONE with NLM_F_DUMP_INTR. */
  readonly interrupted?: boolean;
}

/**
 * A dump answer: one NLM_F_MULTI message of `type` per payload, then NLMSG_DONE. A handler
 * that returns it as is sends each message in its own datagram; `[multipart(...)]` sends
 * them all in one.
 */
export function multipart(
  request: NetlinkMessage,
  type: number,
  payloads: readonly Uint8Array[],
  options: MultipartOptions = {},
): FakeMessage[] {
  const interrupted = options.interrupted === true;
  const flags = NLM_F.MULTI | (interrupted ? NLM_F.DUMP_INTR : 0);
  return [
    ...payloads.map((payload) => control(request, type, flags, payload)),
    done(request, { interrupted }),
  ];
}

/** A dump answer the kernel marked inconsistent (NLM_F_DUMP_INTR on every part). */
export function dumpInterrupted(
  request: NetlinkMessage,
  type: number,
  payloads: readonly Uint8Array[],
): FakeMessage[] {
  return multipart(request, type, payloads, { interrupted: true });
}
