import { concatBytes } from '../../netlink/codec/attributes.ts';
import { writeAll } from '../../sys/fs-sync.ts';
import { close } from '../../sys/libc.ts';
import { connectUnixStream, readBefore } from '../../sys/unix-stream.ts';
import { CALL_TIMEOUT_MS, type DbusMethodCall, messageText } from './dbus-call.ts';
import { DbusError } from './dbus-error.ts';

// A method call over a unix socket opened here: the EXTERNAL authentication (the kernel
// vouches for our uid), BEGIN, Hello and the call in one write, then the messages read
// until the call's reply. Synchronous under the promise: a plugin waits for it anyway.
// The message coder is loaded only once the bus answered the connect.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads the server's answer to AUTH: one line up to CR LF. */
function authAnswer(fd: number, deadline: number, address: string, member: string): string {
  const buffer = new Uint8Array(512);
  let text = '';
  while (!text.includes('\r\n')) {
    const length = readBefore(fd, buffer, deadline);
    if (length === undefined) throw new DbusError('', `${member}: no reply from the bus`);
    if (length === 0) throw new DbusError('', `dial ${address}: connection closed`);
    text += decoder.decode(buffer.subarray(0, length));
  }
  return text.slice(0, text.indexOf('\r\n'));
}

/** The call's reply value (its body's first value), or the DbusError it amounts to. */
export async function dbusCallOverSocket(
  address: string,
  path: string,
  call: DbusMethodCall,
): Promise<unknown> {
  const deadline = performance.now() + CALL_TIMEOUT_MS;
  let fd: number;
  try {
    fd = connectUnixStream(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DbusError('', `dial ${address}: ${reason}`, { cause: error });
  }
  try {
    const wire = await import('./dbus-wire.ts');
    writeAll(fd, encoder.encode(wire.authRequest(process.getuid?.() ?? 0)));
    const answer = authAnswer(fd, deadline, address, call.member);
    if (!answer.startsWith('OK ')) {
      throw new DbusError('', `dial ${address}: authentication refused: ${answer}`);
    }
    writeAll(fd, await wire.requestBytes(call));
    const buffer = new Uint8Array(64 * 1024);
    let pending: Uint8Array = new Uint8Array(0);
    for (;;) {
      const length = readBefore(fd, buffer, deadline);
      if (length === undefined) throw new DbusError('', `${call.member}: no reply from the bus`);
      if (length === 0) throw new DbusError('', `dial ${address}: connection closed`);
      const { messages, rest } = await wire.takeMessages(
        concatBytes([pending, buffer.subarray(0, length)]),
      );
      pending = rest;
      for (const message of messages) {
        if (message.replySerial !== wire.CALL_SERIAL) continue;
        if (message.type === wire.DBUS_MESSAGE.ERROR) {
          throw new DbusError(message.errorName ?? '', messageText(message.body ?? []));
        }
        if (message.type === wire.DBUS_MESSAGE.METHOD_RETURN) return message.body?.[0];
      }
    }
  } finally {
    close(fd);
  }
}
