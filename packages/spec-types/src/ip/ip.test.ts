import { describe, expect, test } from 'bun:test';
import { canonicalCidr, canonicalIp, ipFamily, parseCidr, parseIp } from './ip.ts';

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
