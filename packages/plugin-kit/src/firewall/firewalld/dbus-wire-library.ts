/// <reference path="./dbus-native-message.d.ts" />
import {
  type DbusWireMessage,
  marshall,
  unmarshalMessages,
} from '@homebridge/dbus-native/lib/message';

// @homebridge/dbus-native's message module, for what dbus-wire.ts's own coder does not take
// (container types, 64-bit and floating-point values, values the library refuses): loaded
// only then, as evaluating it (with `long`, `safe-buffer` and node:assert) costs a plugin
// exec about 2 ms, and its first marshalling about 1 ms more.

/** The library's bytes of `message`. */
export function libraryMarshall(message: DbusWireMessage): Uint8Array {
  return marshall(message);
}

/**
 * The library's message parser over whole messages already in memory: it reads from a
 * stream ('readable', then read(n)), so a stand-in gives it the bytes. (Its one-message
 * unmarshall cannot read a message without a body, such as Hello.)
 */
export function libraryMessages(bytes: Uint8Array): DbusWireMessage[] {
  const whole = Buffer.from(bytes);
  const messages: DbusWireMessage[] = [];
  let offset = 0;
  const stream = {
    on(_event: 'readable', listener: () => void): void {
      listener();
    },
    read(size: number): Buffer | null {
      if (whole.length - offset < size) return null;
      offset += size;
      return whole.subarray(offset - size, offset);
    },
  };
  unmarshalMessages(stream, (message) => messages.push(message));
  return messages;
}
