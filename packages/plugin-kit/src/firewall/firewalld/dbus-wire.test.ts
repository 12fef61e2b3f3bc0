/// <reference path="./dbus-native-message.d.ts" />
import { expect, test } from 'bun:test';
import type { DbusWireMessage } from '@homebridge/dbus-native/lib/message';
import {
  authRequest,
  CALL_SERIAL,
  decodeSimple,
  encodeSimpleCall,
  requestBytes,
  takeMessages,
} from './dbus-wire.ts';
import { libraryMarshall, libraryMessages } from './dbus-wire-library.ts';

const CALL = {
  destination: 'org.fedoraproject.FirewallD1',
  path: '/org/fedoraproject/FirewallD1',
  interface: 'org.fedoraproject.FirewallD1.zone',
  member: 'addSource',
  signature: 'ss',
  body: ['trusted', '10.1.0.5/32'],
} as const;

test('AUTH EXTERNAL carries the uid as hex digits of its decimal text, after a NUL byte', () => {
  expect(authRequest(0)).toBe('\0AUTH EXTERNAL 30\r\n');
  expect(authRequest(1000)).toBe('\0AUTH EXTERNAL 31303030\r\n');
});

test('the request is BEGIN, then Hello and the call, which read back as sent', async () => {
  const bytes = await requestBytes(CALL);
  const begin = new TextEncoder().encode('BEGIN\r\n');
  expect([...bytes.subarray(0, begin.length)]).toEqual([...begin]);
  const { messages, rest } = await takeMessages(bytes.subarray(begin.length));
  expect(rest.length).toBe(0);
  expect(messages).toHaveLength(2);
  expect(messages[0]).toMatchObject({ type: 1, serial: 1, member: 'Hello' });
  expect(messages[1]).toMatchObject({
    type: 1,
    serial: CALL_SERIAL,
    destination: CALL.destination,
    path: CALL.path,
    interface: CALL.interface,
    member: 'addSource',
    signature: 'ss',
    body: ['trusted', '10.1.0.5/32'],
  });
});

test('a message cut short stays in the rest until the remainder arrives', async () => {
  const bytes = (await requestBytes(CALL)).subarray('BEGIN\r\n'.length);
  const first = await takeMessages(bytes.subarray(0, bytes.length - 3));
  expect(first.messages).toHaveLength(1);
  const whole = new Uint8Array([...first.rest, ...bytes.subarray(bytes.length - 3)]);
  const second = await takeMessages(whole);
  expect(second.messages.map((message) => message.member)).toEqual(['addSource']);
  expect(second.rest.length).toBe(0);
});

// The coder's bytes and messages are the library's (@homebridge/dbus-native's message module).

const TO = { destination: CALL.destination, path: CALL.path, interface: CALL.interface };
const ZONE = { ...TO, member: 'addSource', signature: 'ss', body: ['trusted', '10.1.0.5/32'] };

const CALLS: DbusWireMessage[] = [
  { type: 1, serial: 1, ...TO, member: 'Hello' },
  { type: 1, serial: 2, ...ZONE },
  { type: 1, serial: 7, ...ZONE, member: 'querySource', body: ['', 'fd00::5/128'] },
  { type: 1, serial: 3, ...ZONE, signature: 's', body: ['zoné ünïcode ✓'] },
  { type: 1, serial: 4, ...ZONE, signature: 'sbo', body: ['x', true, '/a/b'] },
  { type: 1, serial: 5, ...ZONE, signature: 'bb', body: [false, 1] },
  { type: 4, flags: 1, serial: 0xffffffff, ...ZONE, signature: 'b', body: [0] },
];

test('calls are coded byte for byte as the library codes them', () => {
  for (const call of CALLS) {
    const mine = encodeSimpleCall(call);
    expect(mine).toBeDefined();
    expect([...(mine ?? [])]).toEqual([...libraryMarshall(call)]);
  }
});

test('what the coder does not take is left to the library', () => {
  const refused: DbusWireMessage[] = [
    { type: 1, serial: 0, ...ZONE },
    { type: 1, serial: 2, ...ZONE, body: ['a\0b', 'c'] },
    { type: 1, serial: 2, ...ZONE, body: ['only one'] },
    { type: 1, serial: 2, ...ZONE, signature: 'su', body: ['a', 5] },
    { type: 1, serial: 2, ...ZONE, signature: 'b', body: [2] },
    { type: 1, serial: 2, ...ZONE, signature: 's', body: [5] },
    { type: 1, serial: 2, ...ZONE, member: 'a\0b' },
  ];
  for (const call of refused) expect(encodeSimpleCall(call)).toBeUndefined();
});

test('a call outside the coder still goes out, through the library', async () => {
  const call = { ...CALL, signature: 'su', body: ['a', 5] };
  const bytes = await requestBytes(call);
  const { messages } = await takeMessages(bytes.subarray('BEGIN\r\n'.length));
  expect(messages[1]).toMatchObject({ member: 'addSource', signature: 'su', body: ['a', 5] });
});

/** Replies and signals as a bus sends them (the library codes them; it reads all types). */
const REPLIES: DbusWireMessage[] = [
  {
    type: 2,
    serial: 1,
    replySerial: 1,
    destination: ':1.5',
    sender: 'org.freedesktop.DBus',
    signature: 's',
    body: [':1.5'],
  },
  {
    type: 4,
    serial: 2,
    path: '/org/freedesktop/DBus',
    interface: 'org.freedesktop.DBus',
    member: 'NameAcquired',
    destination: ':1.5',
    sender: 'org.freedesktop.DBus',
    signature: 's',
    body: [':1.5'],
  },
  {
    type: 2,
    serial: 910,
    replySerial: 2,
    destination: ':1.5',
    sender: ':1.2',
    signature: 's',
    body: ['trusted'],
  },
  {
    type: 2,
    serial: 911,
    replySerial: 2,
    destination: ':1.5',
    sender: ':1.2',
    signature: 'b',
    body: [true],
  },
  { type: 2, serial: 912, replySerial: 2, destination: ':1.5', sender: ':1.2' },
  {
    type: 3,
    serial: 913,
    replySerial: 2,
    errorName: 'org.fedoraproject.FirewallD1.Exception',
    destination: ':1.5',
    sender: ':1.2',
    signature: 's',
    body: ['ZONE_ALREADY_SET: trusted'],
  },
  {
    type: 2,
    serial: 914,
    replySerial: 2,
    sender: ':1.2',
    signature: 'ynqiuogs',
    body: [255, -2, 65535, -70000, 4000000000, '/p', 'as', ''],
  },
  { type: 2, serial: 915, replySerial: 2, sender: ':1.2', signature: 'as', body: [['a', 'b']] },
  {
    type: 2,
    serial: 916,
    replySerial: 2,
    sender: ':1.2',
    signature: 'a{sv}',
    body: [[['k', ['s', 'v']]]],
  },
  { type: 2, serial: 917, replySerial: 2, sender: ':1.2', signature: 'd', body: [1.5] },
];

test('messages read as the library reads them; container types are left to it', async () => {
  const bytes = REPLIES.map((reply) => libraryMarshall(reply));
  for (const [i, one] of bytes.entries()) {
    const expected = libraryMessages(one);
    const simple = decodeSimple(one);
    if (i < 7) expect(simple).toEqual(expected[0]);
    else expect(simple).toBeUndefined();
  }
  const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const one of bytes) {
    all.set(one, at);
    at += one.length;
  }
  const { messages, rest } = await takeMessages(all);
  expect(rest.length).toBe(0);
  expect(messages).toEqual(libraryMessages(all));
});
