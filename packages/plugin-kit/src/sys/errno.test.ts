import { describe, expect, test } from 'bun:test';
import { errnoName, errnoNumber } from './errno.ts';

describe('errnoName', () => {
  test('names kernel errno numbers', () => {
    expect(errnoName(2)).toBe('ENOENT');
    expect(errnoName(9)).toBe('EBADF');
    expect(errnoName(17)).toBe('EEXIST');
    expect(errnoName(95)).toBe('EOPNOTSUPP');
  });

  test('gives E<n> for an unknown number', () => {
    expect(errnoName(4000)).toBe('E4000');
  });
});

describe('errnoNumber', () => {
  test('is the inverse of errnoName', () => {
    for (const n of [1, 2, 11, 16, 19, 22, 105, 132]) expect(errnoNumber(errnoName(n))).toBe(n);
  });

  test('resolves the aliases ENOTSUP and EWOULDBLOCK', () => {
    expect(errnoNumber('ENOTSUP')).toBe(95);
    expect(errnoNumber('EWOULDBLOCK')).toBe(11);
  });

  test('is undefined for an unknown name', () => {
    expect(errnoNumber('ENOSUCHTHING')).toBeUndefined();
  });
});
