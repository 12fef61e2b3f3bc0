/// <reference path="./dbus-native-message.d.ts" />
import {
  type DbusWireMessage,
  marshall,
  unmarshalMessages,
} from '@homebridge/dbus-native/lib/message';
import { concatBytes } from '../../netlink/codec/attributes.ts';
import type { DbusMethodCall } from './dbus-call.ts';

// The D-Bus wire for one method call on a connection of its own: the EXTERNAL
// authentication lines, Hello and the call, and the messages that come back. Messages are
// (un)marshalled by @homebridge/dbus-native's message module; its bus client (with its
// XML introspection, streams and the rest) is not loaded: about 3.5 ms less per exec.

/** D-Bus message types. */
export const DBUS_MESSAGE = { METHOD_RETURN: 2, ERROR: 3 } as const;

const METHOD_CALL = 1;
const DBUS = {
  destination: 'org.freedesktop.DBus',
  path: '/org/freedesktop/DBus',
  interface: 'org.freedesktop.DBus',
} as const;

/** What the client sends first: a NUL byte and AUTH EXTERNAL with the uid in hex digits. */
export function authRequest(uid: number): string {
  const hex = [...String(uid)].map((digit) => digit.charCodeAt(0).toString(16)).join('');
  return `\0AUTH EXTERNAL ${hex}\r\n`;
}

/** After the server's OK: BEGIN, Hello (serial 1) and `call` (serial 2), in one write. */
export function requestBytes(call: DbusMethodCall): Uint8Array {
  const begin = new TextEncoder().encode('BEGIN\r\n');
  const hello = marshall({ type: METHOD_CALL, serial: 1, ...DBUS, member: 'Hello' });
  const message: DbusWireMessage = {
    type: METHOD_CALL,
    serial: CALL_SERIAL,
    destination: call.destination,
    path: call.path,
    interface: call.interface,
    member: call.member,
  };
  if (call.signature !== '') {
    message.signature = call.signature;
    message.body = [...call.body];
  }
  return concatBytes([begin, hello, marshall(message)]);
}

/** The serial of the call in requestBytes: its reply names it. */
export const CALL_SERIAL = 2;

/** The length of the message starting at `bytes[0]`, once its fixed header is there. */
function messageLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x6c;
  const body = view.getUint32(4, little);
  const fields = view.getUint32(12, little);
  return 16 + ((fields + 7) & ~7) + body;
}

/**
 * The library's message parser over whole messages already in memory: it reads from a
 * stream ('readable', then read(n)), so a stand-in gives it the bytes. (Its one-message
 * unmarshall cannot read a message without a body, such as Hello.)
 */
function parseWhole(bytes: Buffer): DbusWireMessage[] {
  const messages: DbusWireMessage[] = [];
  let offset = 0;
  const stream = {
    on(_event: 'readable', listener: () => void): void {
      listener();
    },
    read(size: number): Buffer | null {
      if (bytes.length - offset < size) return null;
      offset += size;
      return bytes.subarray(offset - size, offset);
    },
  };
  unmarshalMessages(stream, (message) => messages.push(message));
  return messages;
}

/** The whole messages at the start of `bytes`, and the bytes after them. */
export function takeMessages(bytes: Uint8Array): {
  messages: DbusWireMessage[];
  rest: Uint8Array;
} {
  let end = 0;
  for (;;) {
    const length = messageLength(bytes.subarray(end));
    if (length === undefined || bytes.length - end < length) break;
    end += length;
  }
  const messages = end === 0 ? [] : parseWhole(Buffer.from(bytes.subarray(0, end)));
  return { messages, rest: bytes.subarray(end) };
}
