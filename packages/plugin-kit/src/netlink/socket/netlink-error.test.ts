import { describe, expect, test } from 'bun:test';
import { DumpInterruptedError, isDumpInterrupted } from './dump-interrupted-error.ts';
import { isNetlinkError, NetlinkError } from './netlink-error.ts';

describe('NetlinkError', () => {
  test('reads "op: CODE (description): kernel text"', () => {
    const error = new NetlinkError({
      op: 'RTM_NEWLINK',
      errno: 17,
      seq: 9,
      extack: { message: 'exists already' },
    });
    expect(error.message).toBe('RTM_NEWLINK: EEXIST (file exists): exists already');
    expect(error.name).toBe('NetlinkError');
    expect(error.code).toBe('EEXIST');
    expect(error.seq).toBe(9);
    expect(error).toBeInstanceOf(Error);
  });

  test('falls back to the detail, then to the errno alone', () => {
    expect(
      new NetlinkError({ op: 'RTM_GETLINK', errno: 71, seq: 1, detail: 'wrong port' }).message,
    ).toBe('RTM_GETLINK: EPROTO (protocol error): wrong port');
    expect(
      new NetlinkError({ op: 'RTM_DELLINK', errno: 19, seq: 1, extack: { offset: 4 } }).message,
    ).toBe('RTM_DELLINK: ENODEV (no such device)');
  });

  test('names errnos it has no name for', () => {
    expect(new NetlinkError({ op: 'x', errno: 4000, seq: 1 }).message).toBe(
      'x: E4000 (errno 4000)',
    );
  });

  test('isNetlinkError tells it apart', () => {
    expect(isNetlinkError(new NetlinkError({ op: 'x', errno: 1, seq: 1 }))).toBe(true);
    expect(isNetlinkError(new Error('x'))).toBe(false);
  });
});

describe('DumpInterruptedError', () => {
  test('names the operation and the attempts', () => {
    const error = new DumpInterruptedError('RTM_GETROUTE', 5, []);
    expect(error.message).toBe(
      'RTM_GETROUTE: dump interrupted (NLM_F_DUMP_INTR) in all 5 attempts',
    );
    expect(isDumpInterrupted(error)).toBe(true);
    expect(isDumpInterrupted(new Error('x'))).toBe(false);
  });
});
