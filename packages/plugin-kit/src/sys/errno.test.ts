import { describe, expect, test } from 'bun:test';
import { errnoDescription, errnoName, errnoNumber } from './errno.ts';

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

describe('errnoDescription', () => {
  test('gives the strerror text Go prints, from the same table as the names', () => {
    expect(errnoDescription(17)).toBe('file exists');
    expect(errnoName(17)).toBe('EEXIST');
    expect(errnoDescription(95)).toBe('operation not supported');
    expect(errnoDescription(9999)).toBe('errno 9999');
  });
});
