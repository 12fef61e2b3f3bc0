import {
  AF_UNIX,
  close,
  connect,
  POLLIN,
  pollOne,
  read,
  SOCK_CLOEXEC,
  SOCK_STREAM,
  socket,
} from './libc.ts';
import { isSyscallError } from './syscall-error.ts';

// A blocking AF_UNIX stream socket over libc, for a short exchange with a local service (the
// D-Bus system bus): no node:net, whose loading alone costs an exec about 2.5 ms. Writes go
// through fs-sync's writeAll.

/** sun_path's size in struct sockaddr_un. */
const SUN_PATH_MAX = 108;

/** struct sockaddr_un for a socket file: family, then the NUL-terminated path. */
function socketAddress(path: string): Uint8Array {
  const bytes = new TextEncoder().encode(path);
  if (bytes.length === 0 || bytes.length >= SUN_PATH_MAX) {
    throw new RangeError(`socket path must be 1-${SUN_PATH_MAX - 1} bytes: ${path}`);
  }
  const address = new Uint8Array(2 + bytes.length + 1);
  address[0] = AF_UNIX;
  address.set(bytes, 2);
  return address;
}

/** A connected stream socket to the socket file at `path` (a SyscallError when refused). */
export function connectUnixStream(path: string): number {
  const address = socketAddress(path);
  const fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  try {
    connect(fd, address);
    return fd;
  } catch (error) {
    close(fd);
    throw error;
  }
}

/**
 * Reads what has arrived into `buffer`, waiting until `deadline` (a performance.now() time):
 * the number of bytes, 0 at end of stream, undefined when the time ran out first.
 */
export function readBefore(fd: number, buffer: Uint8Array, deadline: number): number | undefined {
  for (;;) {
    const left = Math.ceil(deadline - performance.now());
    if (left <= 0) return undefined;
    try {
      if (pollOne(fd, POLLIN, left) === 0) return undefined;
      return read(fd, buffer);
    } catch (error) {
      if (!isSyscallError(error) || error.code !== 'EINTR') throw error;
    }
  }
}
