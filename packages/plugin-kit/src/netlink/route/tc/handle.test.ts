import { describe, expect, test } from 'bun:test';
import { TC_H } from './constants.ts';
import { formatTcHandle, parseTcHandle, tcHandle, tcHandleMajor, tcHandleMinor } from './handle.ts';

describe('tcHandle', () => {
  test('puts the major number in the high 16 bits', () => {
    expect(tcHandle(1, 0)).toBe(0x10000);
    expect(tcHandle(0xffff, 0)).toBe(0xffff0000);
    expect(tcHandle(0xffff, 0xfff1)).toBe(TC_H.INGRESS);
    expect(tcHandleMajor(TC_H.INGRESS)).toBe(0xffff);
    expect(tcHandleMinor(TC_H.INGRESS)).toBe(0xfff1);
  });
});

describe('formatTcHandle', () => {
  test('prints as tc does', () => {
    expect(formatTcHandle(TC_H.ROOT)).toBe('root');
    expect(formatTcHandle(0)).toBe('none');
    expect(formatTcHandle(tcHandle(1, 0))).toBe('1:');
    expect(formatTcHandle(tcHandle(1, 1))).toBe('1:1');
    expect(formatTcHandle(TC_H.INGRESS)).toBe('ffff:fff1');
    expect(formatTcHandle(tcHandle(0, 5))).toBe(':5');
  });
});

describe('parseTcHandle', () => {
  test('reads what tc reads', () => {
    expect(parseTcHandle('root')).toBe(TC_H.ROOT);
    expect(parseTcHandle('none')).toBe(0);
    expect(parseTcHandle('1:')).toBe(0x10000);
    expect(parseTcHandle('ffff:')).toBe(0xffff0000);
    expect(parseTcHandle('ffff:fff1')).toBe(TC_H.INGRESS);
    expect(parseTcHandle(':a')).toBe(10);
  });

  test('returns undefined for what is not a handle', () => {
    for (const text of ['', ':', '1', '1:2:3', 'fffff:', 'x:1', ' 1:']) {
      expect(parseTcHandle(text)).toBeUndefined();
    }
  });

  test('round-trips formatTcHandle', () => {
    for (const handle of [0x10000, 0x10001, 0xffff0000, TC_H.INGRESS, TC_H.ROOT, 0, 5]) {
      expect(parseTcHandle(formatTcHandle(handle))).toBe(handle);
    }
  });
});
