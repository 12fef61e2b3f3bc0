import { describe, expect, test } from 'bun:test';
import { isSyscallError, SyscallError } from './syscall-error.ts';

describe('SyscallError', () => {
  test('carries the call, errno number and errno name', () => {
    const error = new SyscallError('open', 2, '/missing');
    expect(error.syscall).toBe('open');
    expect(error.errno).toBe(2);
    expect(error.code).toBe('ENOENT');
    expect(error.name).toBe('SyscallError');
    expect(error.message).toBe('open /missing: ENOENT (errno 2)');
    expect(error).toBeInstanceOf(Error);
  });

  test('leaves the detail out of the message when there is none', () => {
    expect(new SyscallError('close', 9).message).toBe('close: EBADF (errno 9)');
  });
});

describe('isSyscallError', () => {
  test('recognises SyscallError and nothing else', () => {
    expect(isSyscallError(new SyscallError('close', 9))).toBe(true);
    expect(isSyscallError(new Error('EBADF'))).toBe(false);
    expect(isSyscallError({ syscall: 'close', errno: 9, code: 'EBADF' })).toBe(false);
    expect(isSyscallError(undefined)).toBe(false);
  });
});
