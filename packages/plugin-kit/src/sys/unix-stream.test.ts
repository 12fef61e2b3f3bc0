import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thrown } from '../testing/thrown.ts';
import { writeAll } from './fs-sync.ts';
import { close } from './libc.ts';
import { isSyscallError } from './syscall-error.ts';
import { connectUnixStream, readBefore } from './unix-stream.ts';

// The client is synchronous (it blocks in poll/read), so the peer runs in a process of its
// own: a Bun child listening on a socket file, answering "pong:" + what it got, and closing
// the connection once it gets "bye" (also when it arrives together with "quiet").

const SERVER = `
const path = process.argv[1];
Bun.listen({
  unix: path,
  socket: {
    data(socket, data) {
      const text = data.toString();
      if (text.endsWith('bye')) socket.end();
      else if (!text.startsWith('quiet')) socket.write('pong:' + text);
    },
  },
});
process.stdout.write('ready\\n');
`;

let dir = '';
let path = '';
let server: ReturnType<typeof Bun.spawn> | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-unix-stream-'));
  path = join(dir, 'peer.sock');
  server = Bun.spawn([process.execPath, '-e', SERVER, path], { stdout: 'pipe' });
  const reader = (server.stdout as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  reader.releaseLock();
});

afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

test('writes, then reads what the peer sent back', () => {
  const fd = connectUnixStream(path);
  try {
    writeAll(fd, new TextEncoder().encode('ping'));
    const buffer = new Uint8Array(64);
    const length = readBefore(fd, buffer, performance.now() + 5000);
    expect(text(buffer.subarray(0, length ?? 0))).toBe('pong:ping');
  } finally {
    close(fd);
  }
});

test('undefined when nothing arrives before the deadline; 0 once the peer closed', () => {
  const fd = connectUnixStream(path);
  try {
    const buffer = new Uint8Array(64);
    writeAll(fd, new TextEncoder().encode('quiet'));
    expect(readBefore(fd, buffer, performance.now() + 50)).toBeUndefined();
    writeAll(fd, new TextEncoder().encode('bye'));
    expect(readBefore(fd, buffer, performance.now() + 5000)).toBe(0);
  } finally {
    close(fd);
  }
});

test('a path with no listener is a SyscallError from connect', () => {
  const error = thrown(() => connectUnixStream(join(dir, 'nobody.sock')));
  expect(isSyscallError(error) && error.code).toBe('ENOENT');
  const notSocket = thrown(() => connectUnixStream(dir));
  expect(isSyscallError(notSocket) && notSocket.code).toBe('ECONNREFUSED');
});

test('a path too long for sockaddr_un is refused before any socket is made', () => {
  expect(() => connectUnixStream(`/${'x'.repeat(120)}`)).toThrow(RangeError);
});
