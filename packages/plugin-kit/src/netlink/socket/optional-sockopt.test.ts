import { describe, expect, test } from 'bun:test';
import { SyscallError } from '../../sys/syscall-error.ts';
import { NETLINK_SOCKOPT, SOL_NETLINK } from '../codec/constants.ts';
import { enableOptionalNetlinkOption, type SetIntOption } from './optional-sockopt.ts';

function failingWith(errno: number): SetIntOption {
  return () => {
    throw new SyscallError('setsockopt', errno);
  };
}

describe('enableOptionalNetlinkOption', () => {
  test('sets SOL_NETLINK option = 1 and says so', () => {
    const calls: number[][] = [];
    const set: SetIntOption = (...args) => void calls.push(args);
    expect(enableOptionalNetlinkOption(7, NETLINK_SOCKOPT.GET_STRICT_CHK, set)).toBe(true);
    expect(calls).toEqual([[7, SOL_NETLINK, 12, 1]]);
    expect(SOL_NETLINK).toBe(270);
  });

  test('a kernel without the option (ENOPROTOOPT) is not an error', () => {
    expect(enableOptionalNetlinkOption(7, NETLINK_SOCKOPT.EXT_ACK, failingWith(92))).toBe(false);
    expect(enableOptionalNetlinkOption(7, NETLINK_SOCKOPT.GET_STRICT_CHK, failingWith(92))).toBe(
      false,
    );
  });

  test('other failures still throw', () => {
    expect(() => enableOptionalNetlinkOption(7, NETLINK_SOCKOPT.EXT_ACK, failingWith(9))).toThrow(
      'setsockopt: EBADF',
    );
  });
});
