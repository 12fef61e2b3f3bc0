import { describe, expect, test } from 'bun:test';
import { ipKey, portKey, prefixIntervals } from './set-key.ts';

const keys = (prefixes: string[]) =>
  prefixIntervals(prefixes).map((e) => [[...e.key].join('.'), e.intervalEnd === true]);

describe('set element keys', () => {
  test('addresses and ports in network order', () => {
    expect([...ipKey('10.1.2.3')]).toEqual([10, 1, 2, 3]);
    expect(ipKey('fd00::1')).toHaveLength(16);
    expect([...portKey(443)]).toEqual([1, 187]);
    expect(() => portKey(70000)).toThrow(RangeError);
    expect(() => ipKey('nope')).toThrow(TypeError);
  });

  test('prefixes: sorted, a leading end at zero, each start and the key after its last address', () => {
    expect(keys(['192.168.1.0/24', '10.0.0.0/8'])).toEqual([
      ['0.0.0.0', true],
      ['10.0.0.0', false],
      ['11.0.0.0', true],
      ['192.168.1.0', false],
      ['192.168.2.0', true],
    ]);
  });

  test('a prefix at zero has no leading end; one reaching the top has no end; hosts are /32', () => {
    expect(keys(['0.0.0.0/8', '10.1.2.3', '255.0.0.0/8'])).toEqual([
      ['0.0.0.0', false],
      ['1.0.0.0', true],
      ['10.1.2.3', false],
      ['10.1.2.4', true],
      ['255.0.0.0', false],
    ]);
  });

  test('adjacent prefixes keep both the end and the next start, as nft sends them', () => {
    expect(keys(['10.0.0.0/8', '11.0.0.0/8'])).toEqual([
      ['0.0.0.0', true],
      ['10.0.0.0', false],
      ['11.0.0.0', true],
      ['11.0.0.0', false],
      ['12.0.0.0', true],
    ]);
  });

  test('IPv6, the host bits cleared; both families at once is an error', () => {
    const elements = prefixIntervals(['fd00::5/64']);
    expect(elements.map((e) => e.key.length)).toEqual([16, 16, 16]);
    expect([...(elements[1]?.key ?? [])].slice(0, 2)).toEqual([0xfd, 0]);
    expect(elements[1]?.key.slice(8).every((b) => b === 0)).toBe(true);
    expect(elements[2]?.key[7]).toBe(1);
    expect(() => prefixIntervals(['10.0.0.0/8', 'fd00::/64'])).toThrow(TypeError);
    expect(prefixIntervals([])).toEqual([]);
  });
});
