import { expect, test } from 'bun:test';
import { authRequest, CALL_SERIAL, requestBytes, takeMessages } from './dbus-wire.ts';

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

test('the request is BEGIN, then Hello and the call, which read back as sent', () => {
  const bytes = requestBytes(CALL);
  const begin = new TextEncoder().encode('BEGIN\r\n');
  expect([...bytes.subarray(0, begin.length)]).toEqual([...begin]);
  const { messages, rest } = takeMessages(bytes.subarray(begin.length));
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

test('a message cut short stays in the rest until the remainder arrives', () => {
  const bytes = requestBytes(CALL).subarray('BEGIN\r\n'.length);
  const first = takeMessages(bytes.subarray(0, bytes.length - 3));
  expect(first.messages).toHaveLength(1);
  const whole = new Uint8Array([...first.rest, ...bytes.subarray(bytes.length - 3)]);
  const second = takeMessages(whole);
  expect(second.messages.map((message) => message.member)).toEqual(['addSource']);
  expect(second.rest.length).toBe(0);
});
