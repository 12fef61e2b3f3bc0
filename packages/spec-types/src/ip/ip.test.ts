import { describe, expect, test } from 'bun:test';
import { canonicalCidr, canonicalIp, formatIp, ipFamily, parseCidr, parseIp } from './ip.ts';

describe('canonicalIp', () => {
  test.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::1', '::1'],
    ['::', '::'],
    ['FD00:0050:0::0004', 'fd00:50::4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['0:0:0:0:0:ffff:a01:201', '10.1.2.1'],
    ['::1.2.3.4', '::102:304'],
    ['1::2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('prints %s as Go does (%s)', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  test.each([
    '010.0.0.1',
    '1.2.3',
    '1.2.3.256',
    '0x1.2.3.4',
    'fe80::1%eth0',
    '1::2::3',
    ':1::2',
    '1:2:3:4:5:6:7:8:9',
    '1:2::3:4:5:6:1.2.3.4',
    '12345::',
    '',
    ' 1.2.3.4',
  ])('rejects %p as Go does', (input) => {
    expect(parseIp(input)).toBeUndefined();
  });
});

describe('canonicalCidr', () => {
  test('keeps host bits and maps IPv4-mapped prefixes to IPv4, as Go', () => {
    expect(canonicalCidr('10.9.8.7/16')).toBe('10.9.8.7/16');
    expect(canonicalCidr('::ffff:10.1.2.3/120')).toBe('10.1.2.3/24');
    expect(canonicalCidr('::ffff:0.0.0.0/96')).toBe('0.0.0.0/0');
  });

  test('rejects prefixes out of range and missing parts', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('fd00::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('10.0.0.0/')).toBeUndefined();
    expect(parseCidr('10.0.0.0/-1')).toBeUndefined();
  });
});

describe('ipFamily', () => {
  test('counts IPv4-mapped IPv6 as IPv4, as Go To4 does', () => {
    expect(ipFamily(parseIp('::ffff:1.2.3.4') as Uint8Array)).toBe(4);
    expect(ipFamily(parseIp('fd00::1') as Uint8Array)).toBe(6);
  });
});

describe('address parts checked by loops, as the regular expressions did', () => {
  const decimals = [
    '',
    '0',
    '00',
    '1',
    '09',
    '255',
    '256',
    '999',
    '1000',
    '1a',
    '1:',
    ' 1',
    '+1',
    '١',
    '１',
  ];
  const groups = ['0', 'f', 'F', 'ffff', 'FFFF', '12345', 'g', 'fg', ' a', 'ａ', '0x1'];

  test('an IPv4 address parses when each part is 1-3 digits (no leading 0) up to 255', () => {
    for (const a of decimals) {
      for (const b of decimals) {
        const text = `10.${a}.1.${b}`;
        const part = (p: string) =>
          /^\d{1,3}$/.test(p) && !(p.length > 1 && p[0] === '0') && Number(p) <= 255;
        expect([text, parseIp(text) !== undefined]).toEqual([text, part(a) && part(b)]);
      }
    }
  });

  test('an IPv6 address of eight groups parses when each group is 1-4 hex digits', () => {
    for (const a of groups) {
      for (const b of groups) {
        const text = `fd00:${a}:0:0:0:0:1:${b}`;
        const group = (g: string) => /^[0-9a-fA-F]{1,4}$/.test(g);
        expect([text, parseIp(text) !== undefined]).toEqual([text, group(a) && group(b)]);
      }
    }
  });

  test('a prefix is 1-3 digits within the address length', () => {
    for (const p of decimals) {
      const text = `10.1.2.3/${p}`;
      const valid = /^\d{1,3}$/.test(p) && Number(p) <= 32;
      expect([text, parseCidr(text) !== undefined]).toEqual([text, valid]);
    }
  });
});

describe('IPv6 text and bytes, by loops', () => {
  test('random addresses with runs of zero groups go to text and back unchanged', () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 3000; n++) {
      const bytes = new Uint8Array(16);
      for (let g = 0; g < 8; g++) {
        if (next() < 0.5) continue; // a zero group, often in runs
        const value = Math.floor(next() * 0x10000);
        bytes[g * 2] = value >> 8;
        bytes[g * 2 + 1] = value & 0xff;
      }
      if (bytes[10] === 0xff && bytes[11] === 0xff) bytes[11] = 0; // not IPv4-mapped
      const text = formatIp(bytes);
      expect([text, [...(parseIp(text) ?? [])]]).toEqual([text, [...bytes]]);
    }
  });
});
