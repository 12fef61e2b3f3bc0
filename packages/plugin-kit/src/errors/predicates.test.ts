import { describe, expect, test } from 'bun:test';
import { DecodeError } from '../netlink/codec/decode-error.ts';
import { DumpInterruptedError } from '../netlink/socket/dump-interrupted-error.ts';
import { NetlinkError } from '../netlink/socket/netlink-error.ts';
import { NetnsError } from '../netns/netns-error.ts';
import { SyscallError } from '../sys/syscall-error.ts';
import { isKitError } from './kit-error.ts';
import {
  errnoCodeOf,
  errnoOf,
  isBusy,
  isExists,
  isNotFound,
  isNotSupported,
  isPermissionDenied,
  isTryAgain,
} from './predicates.ts';

const netlink = (errno: number, message?: string): NetlinkError =>
  new NetlinkError({
    op: 'RTM_NEWLINK',
    errno,
    seq: 1,
    extack: message === undefined ? undefined : { message },
  });
const syscall = (errno: number): SyscallError => new SyscallError('open', errno);

const predicates = { isNotFound, isExists, isBusy, isNotSupported, isPermissionDenied, isTryAgain };

// errno -> the one predicate that answers true for it.
const table: readonly [string, number, keyof typeof predicates][] = [
  ['ENOENT', 2, 'isNotFound'],
  ['ENODEV', 19, 'isNotFound'],
  ['ESRCH', 3, 'isNotFound'],
  ['EADDRNOTAVAIL', 99, 'isNotFound'],
  ['ENXIO', 6, 'isNotFound'],
  ['EEXIST', 17, 'isExists'],
  ['EBUSY', 16, 'isBusy'],
  ['EOPNOTSUPP', 95, 'isNotSupported'],
  ['EAFNOSUPPORT', 97, 'isNotSupported'],
  ['EPROTONOSUPPORT', 93, 'isNotSupported'],
  ['EPERM', 1, 'isPermissionDenied'],
  ['EACCES', 13, 'isPermissionDenied'],
  ['EAGAIN', 11, 'isTryAgain'],
  ['EINTR', 4, 'isTryAgain'],
];

describe('error predicates', () => {
  for (const [code, errno, expected] of table) {
    for (const [kind, make] of [
      ['NetlinkError', netlink],
      ['SyscallError', syscall],
    ] as const) {
      test(`${code} in a ${kind} answers ${expected} and no other predicate`, () => {
        const error = make(errno);
        for (const [name, predicate] of Object.entries(predicates)) {
          expect([name, predicate(error)]).toEqual([name, name === expected]);
        }
      });
    }
  }

  test('EINVAL answers no predicate', () => {
    for (const predicate of Object.values(predicates)) expect(predicate(netlink(22))).toBe(false);
  });

  test('a missing namespace path is not found; a path that is no namespace is not', () => {
    expect(isNotFound(new NetnsError('/run/netns/x', 'not-found', 'missing'))).toBe(true);
    expect(isNotFound(new NetnsError('/tmp', 'not-a-namespace', 'no'))).toBe(false);
  });

  test('the "Unknown device type" extended ack is not supported, whatever the errno', () => {
    expect(isNotSupported(netlink(22, 'Unknown device type'))).toBe(true);
    expect(isNotSupported(netlink(22, 'Unknown attribute'))).toBe(false);
  });

  test('an interrupted dump is worth trying again', () => {
    expect(isTryAgain(new DumpInterruptedError('RTM_GETLINK', 5, []))).toBe(true);
  });

  test('look through cause chains, and stop at cycles', () => {
    const wrapped = new Error('ensureBridge failed', {
      cause: new Error('inner', { cause: netlink(17) }),
    });
    expect(isExists(wrapped)).toBe(true);
    expect(errnoOf(wrapped)).toBe(17);
    const loop = new Error('a');
    loop.cause = loop;
    expect(isNotFound(loop)).toBe(false);
  });

  test('read Node system errors by their code', () => {
    const nodeError = Object.assign(new Error("ENOENT: no such file or directory, open '/x'"), {
      code: 'ENOENT',
      errno: -2,
    });
    expect(errnoOf(nodeError)).toBe(2);
    expect(isNotFound(nodeError)).toBe(true);
    expect(
      errnoOf(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' })),
    ).toBeUndefined();
  });

  test('answer false for values that are not errors', () => {
    for (const value of [undefined, null, 'ENOENT', 2, { errno: 2 }]) {
      expect(isNotFound(value)).toBe(false);
      expect(errnoOf(value)).toBeUndefined();
    }
  });
});

describe('errnoCodeOf', () => {
  test('names the errno', () => {
    expect(errnoCodeOf(netlink(17))).toBe('EEXIST');
    expect(errnoCodeOf(new Error('plain'))).toBeUndefined();
  });
});

describe('isKitError', () => {
  test('knows every kit error and nothing else', () => {
    expect(isKitError(netlink(1))).toBe(true);
    expect(isKitError(syscall(1))).toBe(true);
    expect(isKitError(new NetnsError('/x', 'not-found', 'x'))).toBe(true);
    expect(isKitError(new DecodeError(['nlmsghdr'], 'short'))).toBe(true);
    expect(isKitError(new DumpInterruptedError('RTM_GETLINK', 5, []))).toBe(true);
    expect(isKitError(new Error('x'))).toBe(false);
  });
});
