import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  close,
  flock,
  gettid,
  gettidBySyscall,
  ifNameToIndex,
  ioctl,
  ioctlValue,
  LOCK_EX,
  LOCK_NB,
  LOCK_UN,
  O_CLOEXEC,
  O_CREAT,
  O_EXCL,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  open,
  read,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  setns,
  socket,
  write,
} from './libc.ts';
import { isSyscallError, type SyscallError } from './syscall-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-libc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The SyscallError that `fn` throws (fails the test when it throws nothing or something else). */
function syscallErrorOf(fn: () => unknown): SyscallError {
  try {
    fn();
  } catch (error) {
    if (isSyscallError(error)) return error;
    throw error;
  }
  throw new Error('expected a SyscallError, nothing was thrown');
}

describe('open', () => {
  test('throws ENOENT for a missing path, naming the call and the path', () => {
    const error = syscallErrorOf(() => open(join(dir, 'missing', 'file'), O_RDONLY));
    expect(error.syscall).toBe('open');
    expect(error.code).toBe('ENOENT');
    expect(error.errno).toBe(2);
    expect(error.message).toContain(join(dir, 'missing', 'file'));
  });

  test('throws EEXIST with O_CREAT|O_EXCL on an existing file', () => {
    const path = join(dir, 'exists');
    writeFileSync(path, '');
    expect(syscallErrorOf(() => open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)).code).toBe('EEXIST');
  });

  test('creates a file with the given mode and returns a descriptor', () => {
    const path = join(dir, 'created');
    const fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600);
    expect(fd).toBeGreaterThanOrEqual(0);
    close(fd);
    expect(readFileSync(path).length).toBe(0);
  });
});

describe('close', () => {
  test('throws EBADF for a descriptor that is not open', () => {
    expect(syscallErrorOf(() => close(-1)).code).toBe('EBADF');
    const fd = open(dir, O_RDONLY | O_CLOEXEC);
    close(fd);
    expect(syscallErrorOf(() => close(fd)).code).toBe('EBADF');
  });
});

describe('read and write', () => {
  test('round-trip bytes through a file', () => {
    const path = join(dir, 'data');
    const out = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600);
    expect(write(out, Buffer.from('hello\n'))).toBe(6);
    close(out);
    const fd = open(path, O_RDONLY | O_CLOEXEC);
    const buffer = new Uint8Array(64);
    const length = read(fd, buffer);
    expect(Buffer.from(buffer.subarray(0, length)).toString()).toBe('hello\n');
    expect(read(fd, buffer)).toBe(0);
    close(fd);
  });

  test('surface EBADF and EISDIR', () => {
    expect(syscallErrorOf(() => read(-1, new Uint8Array(1))).code).toBe('EBADF');
    const fd = open(dir, O_RDONLY | O_CLOEXEC);
    try {
      expect(syscallErrorOf(() => read(fd, new Uint8Array(1))).code).toBe('EISDIR');
      expect(syscallErrorOf(() => write(fd, new Uint8Array(1))).code).toBe('EBADF');
    } finally {
      close(fd);
    }
  });
});

describe('ioctl', () => {
  test('throws ENOTTY for a request a regular file does not know', () => {
    const path = join(dir, 'plain');
    writeFileSync(path, 'x');
    const fd = open(path, O_RDONLY | O_CLOEXEC);
    try {
      // TUNSETIFF on a regular file.
      expect(syscallErrorOf(() => ioctl(fd, 0x400454ca, new Uint8Array(40))).code).toBe('ENOTTY');
      expect(syscallErrorOf(() => ioctlValue(fd, 0x400454cb, 1)).code).toBe('ENOTTY');
    } finally {
      close(fd);
    }
  });

  test('throws EBADF for a bad descriptor', () => {
    expect(syscallErrorOf(() => ioctlValue(-1, 0x400454cb, 0)).code).toBe('EBADF');
  });
});

describe('flock', () => {
  test('conflicts between two opens of the same file, even in one process', () => {
    const path = join(dir, 'lock');
    const a = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600);
    const b = open(path, O_RDWR | O_CLOEXEC);
    try {
      flock(a, LOCK_EX | LOCK_NB);
      expect(syscallErrorOf(() => flock(b, LOCK_EX | LOCK_NB)).code).toBe('EAGAIN');
      flock(a, LOCK_UN);
      flock(b, LOCK_EX | LOCK_NB);
    } finally {
      close(a);
      close(b);
    }
  });

  test('throws EBADF for a bad descriptor', () => {
    expect(syscallErrorOf(() => flock(-1, LOCK_EX)).code).toBe('EBADF');
  });
});

describe('socket', () => {
  test('throws EAFNOSUPPORT for an unknown address family', () => {
    expect(syscallErrorOf(() => socket(9999, SOCK_DGRAM | SOCK_CLOEXEC, 0)).code).toBe(
      'EAFNOSUPPORT',
    );
  });
});

describe('setns', () => {
  test('throws EBADF for a bad descriptor', () => {
    expect(syscallErrorOf(() => setns(-1, 0)).code).toBe('EBADF');
  });

  test('throws EINVAL for a descriptor that is not a namespace', () => {
    const fd = open(dir, O_RDONLY | O_CLOEXEC);
    try {
      expect(syscallErrorOf(() => setns(fd, 0)).code).toBe('EINVAL');
    } finally {
      close(fd);
    }
  });
});

describe('ifNameToIndex', () => {
  test('finds the loopback device (index 1) and names a missing device ENODEV', () => {
    expect(ifNameToIndex('lo')).toBe(1);
    const error = syscallErrorOf(() => ifNameToIndex('cnits-nope0'));
    expect(error.syscall).toBe('if_nametoindex');
    expect(error.code).toBe('ENODEV');
  });
});

describe('gettid', () => {
  test('is the process id: JavaScript runs on the main thread', () => {
    expect(gettid()).toBe(process.pid);
  });

  test('through syscall(SYS_gettid), as without the gettid symbol (glibc < 2.30)', () => {
    expect(gettidBySyscall()).toBe(process.pid);
  });
});
