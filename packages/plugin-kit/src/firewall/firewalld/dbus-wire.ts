/// <reference path="./dbus-native-message.d.ts" />
import type { DbusWireMessage } from '@homebridge/dbus-native/lib/message';
import { concatBytes } from '../../netlink/codec/attributes.ts';
import type { DbusMethodCall } from './dbus-call.ts';

// The D-Bus wire for one method call on a connection of its own: the EXTERNAL
// authentication lines, Hello and the call, and the messages that come back. The messages a
// plugin sends and gets (header fields, string and boolean arguments, replies of strings,
// booleans and integers) are coded here, byte for byte as @homebridge/dbus-native's message
// module codes them and read into the same objects; anything else (container types, 64-bit
// or floating-point values, a value the library would refuse) goes to that module
// (dbus-wire-library.ts), loaded only then: loading and first running it cost a DEL about
// 3 ms. Its bus client (with its XML introspection, streams and the rest) is never loaded.

/** D-Bus message types. */
export const DBUS_MESSAGE = { METHOD_RETURN: 2, ERROR: 3 } as const;

const METHOD_CALL = 1;
const LITTLE_ENDIAN = 0x6c; // 'l'
const PROTOCOL_VERSION = 1;
const DBUS = {
  destination: 'org.freedesktop.DBus',
  path: '/org/freedesktop/DBus',
  interface: 'org.freedesktop.DBus',
} as const;

/** Header fields as the library orders them (its headerTypeName): code, name, signature. */
const HEADER_FIELDS = [
  [1, 'path', 'o'],
  [2, 'interface', 's'],
  [3, 'member', 's'],
  [4, 'errorName', 's'],
  [5, 'replySerial', 'u'],
  [6, 'destination', 's'],
  [7, 'sender', 's'],
  [8, 'signature', 'g'],
] as const;

type FieldName = (typeof HEADER_FIELDS)[number][1];

/** The library's name of header field `code` (it has none for 0 and 9 on). */
function fieldName(code: number): FieldName | undefined {
  for (const [fieldCode, name] of HEADER_FIELDS) if (fieldCode === code) return name;
  return undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the client sends first: a NUL byte and AUTH EXTERNAL with the uid in hex digits. */
export function authRequest(uid: number): string {
  // Each decimal digit as its ASCII code in hex; a loop, not spread/map: every firewalld
  // exec sends this, and those builtins' first calls cost it (issue 22).
  const decimal = String(uid);
  let hex = '';
  for (let i = 0; i < decimal.length; i++) hex += decimal.charCodeAt(i).toString(16);
  return `\0AUTH EXTERNAL ${hex}\r\n`;
}

/** Little-endian bytes as the library's marshall lays them out (offsets from the message start). */
class Writer {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  align(to: number): void {
    const pad = (to - (this.length % to)) % to;
    this.room(pad);
    this.bytes.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.align(4);
    this.room(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  setU32(at: number, value: number): void {
    this.view.setUint32(at, value, true);
  }

  /** A string ('s', 'o'): its UTF-8 length, the bytes, a NUL. */
  string(value: string): void {
    const utf8 = encoder.encode(value);
    this.u32(utf8.length);
    this.raw(utf8);
    this.byte(0);
  }

  /** A signature ('g'): its length in one byte, the characters, a NUL. */
  signature(value: string): void {
    this.byte(value.length);
    this.raw(encoder.encode(value));
    this.byte(0);
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** A string the library would marshal as 's' or 'o' (it refuses a NUL in it). */
function plainString(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\0');
}

/** 1 to 255 of 's', 'o', 'b' (`/^[sob]{1,255}$/`), without a regular expression's first use. */
function isSimpleSignature(value: string): boolean {
  if (value.length === 0 || value.length > 255) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== 's' && c !== 'o' && c !== 'b') return false;
  }
  return true;
}

/** A body of strings and booleans (the library's checks passed), else undefined. */
function simpleBody(
  signature: string,
  body: readonly unknown[] | undefined,
): Uint8Array | undefined {
  if (body === undefined || body.length !== signature.length) return undefined;
  const out = new Writer();
  for (let i = 0; i < signature.length; i++) {
    const value = body[i];
    const type = signature[i];
    if (type === 's' || type === 'o') {
      if (!plainString(value)) return undefined;
      out.string(value);
    } else if (type === 'b') {
      if (!(typeof value === 'boolean' || value === 0 || value === 1)) return undefined;
      out.u32(value ? 1 : 0);
    } else {
      return undefined;
    }
  }
  return out.done();
}

/**
 * A method call's bytes, as the library's marshall makes them, when this coder takes it:
 * string header fields, a body of 's', 'o' and 'b' values. Undefined otherwise.
 */
export function encodeSimpleCall(message: DbusWireMessage): Uint8Array | undefined {
  const { serial } = message;
  if (serial === undefined || serial === 0 || !Number.isInteger(serial) || serial > 0xffffffff) {
    return undefined;
  }
  let body: Uint8Array | undefined;
  if (message.signature && message.body) {
    body = simpleBody(message.signature, message.body);
    if (body === undefined) return undefined;
  }
  const out = new Writer();
  out.raw(
    Uint8Array.of(LITTLE_ENDIAN, message.type || METHOD_CALL, message.flags || 0, PROTOCOL_VERSION),
  );
  out.u32(body?.length ?? 0);
  out.u32(serial);
  out.u32(0); // the fields' length, set below
  const start = out.length;
  for (const [code, name, type] of HEADER_FIELDS) {
    const value = message[name];
    if (!value) continue;
    if (type === 'u' || !plainString(value)) return undefined;
    if (type === 'g' && !isSimpleSignature(value)) return undefined;
    out.align(8);
    out.byte(code);
    out.signature(type);
    if (type === 'g') out.signature(value);
    else out.string(value);
  }
  out.setU32(12, out.length - start);
  out.align(8);
  if (body !== undefined) out.raw(body);
  return out.done();
}

/** BEGIN, Hello (serial 1) and `call` (serial 2): the bytes to send after the server's OK. */
export async function requestBytes(call: DbusMethodCall): Promise<Uint8Array> {
  const begin = encoder.encode('BEGIN\r\n');
  const hello: DbusWireMessage = { type: METHOD_CALL, serial: 1, ...DBUS, member: 'Hello' };
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
  const simple = [encodeSimpleCall(hello), encodeSimpleCall(message)];
  if (simple[0] !== undefined && simple[1] !== undefined) {
    return concatBytes([begin, simple[0], simple[1]]);
  }
  const { libraryMarshall } = await import('./dbus-wire-library.ts');
  return concatBytes([begin, libraryMarshall(hello), libraryMarshall(message)]);
}

/** The serial of the call in requestBytes: its reply names it. */
export const CALL_SERIAL = 2;

/** The length of the message starting at `bytes[0]`, once its fixed header is there. */
function messageLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === LITTLE_ENDIAN;
  const body = view.getUint32(4, little);
  const fields = view.getUint32(12, little);
  return 16 + ((fields + 7) & ~7) + body;
}

/** Thrown inside decodeSimple: the message is not one this coder reads; the library will. */
class NotSimple extends Error {}

/** Reads one whole message; offsets are from its start, so alignment is the library's. */
class Reader {
  private readonly view: DataView;
  private readonly little: boolean;
  at = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.little = bytes[0] === LITTLE_ENDIAN;
  }

  private take(size: number, alignTo: number): number {
    const at = this.at + ((alignTo - (this.at % alignTo)) % alignTo);
    if (at + size > this.bytes.length) throw new NotSimple();
    this.at = at + size;
    return at;
  }

  align(to: number): void {
    this.take(0, to);
  }

  /** A value of the one-character `type`: the library's value for it. */
  value(type: string): string | number | boolean {
    switch (type) {
      case 'y':
        return this.bytes[this.take(1, 1)] as number;
      case 'b':
        return this.view.getUint32(this.take(4, 4), this.little) !== 0;
      case 'n':
        return this.view.getInt16(this.take(2, 2), this.little);
      case 'q':
        return this.view.getUint16(this.take(2, 2), this.little);
      case 'i':
        return this.view.getInt32(this.take(4, 4), this.little);
      case 'u':
        return this.view.getUint32(this.take(4, 4), this.little);
      case 's':
      case 'o':
        return this.text(this.view.getUint32(this.take(4, 4), this.little));
      case 'g':
        return this.text(this.bytes[this.take(1, 1)] as number);
      default:
        throw new NotSimple();
    }
  }

  /** `length` bytes of UTF-8 and the NUL after them. */
  private text(length: number): string {
    const at = this.take(length + 1, 1);
    if (this.bytes[at + length] !== 0) throw new NotSimple();
    return decoder.decode(this.bytes.subarray(at, at + length));
  }
}

/**
 * One whole message read as the library reads it, when its header fields and body are of
 * the basic types this coder takes (y b n q i u s o g, each field's variant of one type);
 * undefined otherwise, or when anything about it is off (the library then has its say).
 */
export function decodeSimple(bytes: Uint8Array): DbusWireMessage | undefined {
  try {
    if (bytes.length < 16) return undefined;
    const read = new Reader(bytes);
    const header = new DataView(bytes.buffer, bytes.byteOffset, 16);
    const little = bytes[0] === LITTLE_ENDIAN;
    const bodyLength = header.getUint32(4, little);
    const fieldsEnd = 16 + header.getUint32(12, little);
    const message: DbusWireMessage = { serial: header.getUint32(8, little) };
    const fields: Record<string, unknown> = message as Record<string, unknown>;
    read.at = 16;
    while (read.at < fieldsEnd) {
      read.align(8);
      const code = read.value('y') as number;
      const type = read.value('g') as string;
      if (type.length !== 1) return undefined;
      const value = read.value(type);
      const name = fieldName(code);
      if (name === undefined) return undefined;
      fields[name] = value;
    }
    if (read.at !== fieldsEnd) return undefined;
    message.type = bytes[1] as number;
    message.flags = bytes[2] as number;
    read.align(8);
    const { signature } = message;
    if (bodyLength > 0 && signature) {
      if (typeof signature !== 'string') return undefined;
      const body: unknown[] = [];
      for (let i = 0; i < signature.length; i++) body.push(read.value(signature[i] as string));
      message.body = body;
    }
    return message;
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}

/** The whole messages at the start of `bytes`, and the bytes after them. */
export async function takeMessages(bytes: Uint8Array): Promise<{
  messages: DbusWireMessage[];
  rest: Uint8Array;
}> {
  const messages: DbusWireMessage[] = [];
  let end = 0;
  for (;;) {
    const length = messageLength(bytes.subarray(end));
    if (length === undefined || bytes.length - end < length) break;
    const whole = bytes.subarray(end, end + length);
    const simple = decodeSimple(whole);
    if (simple !== undefined) messages.push(simple);
    else messages.push(...(await import('./dbus-wire-library.ts')).libraryMessages(whole));
    end += length;
  }
  return { messages, rest: bytes.subarray(end) };
}
