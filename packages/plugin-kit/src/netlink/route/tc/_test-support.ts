// Helpers for this folder's tests: hex fixtures, seq/pid zeroing, a socket over a fake transport.

import {
  createFakeTransport,
  type FakeHandler,
  type FakeTransport,
} from '../../../testing/fake-transport.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../../codec/header.ts';
import { NetlinkSocket } from '../../socket/netlink-socket.ts';

/** Bytes from hex text; whitespace is ignored. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error('not hex');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** The one message in a hex capture. */
export function captured(text: string): NetlinkMessage {
  const [message, ...rest] = decodeMessages(fromHex(text));
  if (message === undefined || rest.length > 0) throw new Error('expected one message');
  return message;
}

/** A message's bytes with seq and pid set to zero. */
export function zeroSeqPid(message: NetlinkMessage): Uint8Array {
  return encodeMessage({ ...message, seq: 0, pid: 0 });
}

/** A socket over a fake kernel that answers with `handler`. */
export function fakeSocket(handler: FakeHandler): {
  sock: NetlinkSocket;
  transport: FakeTransport;
} {
  const transport = createFakeTransport(handler);
  return { sock: new NetlinkSocket(transport), transport };
}

/** A captured reply re-addressed to `request` (its seq) and the fake's port, as raw bytes. */
export function replyTo(request: NetlinkMessage, reply: NetlinkMessage, pid: number): Uint8Array {
  return encodeMessage({ ...reply, seq: request.seq, pid });
}
