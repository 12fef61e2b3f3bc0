import { describe, expect, test } from 'bun:test';
import { AF } from '../codec/constants.ts';
import { isDecodeError } from '../codec/decode-error.ts';
import {
  broadcastOf,
  defaultPrefix,
  ipFromBytes,
  ipToBytes,
  maskPrefix,
  parseIpBytes,
  parsePrefixBytes,
} from './_ip.ts';

describe('parsePrefixBytes', () => {
  test('parses both families, and a bare IP as a host prefix', () => {
    expect(parsePrefixBytes('10.1.2.3/24', 'x')).toEqual({
      family: AF.INET,
      bytes: Uint8Array.of(10, 1, 2, 3),
      prefix: 24,
    });
    expect(parsePrefixBytes('fd00::1', 'x').prefix).toBe(128);
    expect(parsePrefixBytes('::/0', 'x')).toMatchObject({ family: AF.INET6, prefix: 0 });
  });

  test('throws TypeError naming the field for malformed text', () => {
    for (const text of ['10.1.2.3/33', '10.1.2.3/', '10.1.2/24', 'fd00::1/129', '10.1.2.3/2x']) {
      expect(() => parsePrefixBytes(text, 'addAddress address')).toThrow(/addAddress address/);
    }
    expect(() => parseIpBytes('010.1.2.3', 'gw')).toThrow(TypeError);
  });
});

describe('maskPrefix and broadcastOf', () => {
  test('clear and set the host bits', () => {
    const ip = Uint8Array.of(10, 1, 2, 3);
    expect(maskPrefix(ip, 22)).toEqual(Uint8Array.of(10, 1, 0, 0));
    expect(broadcastOf(ip, 22)).toEqual(Uint8Array.of(10, 1, 3, 255));
    expect(maskPrefix(ip, 32)).toEqual(ip);
    expect(broadcastOf(ip, 0)).toEqual(Uint8Array.of(255, 255, 255, 255));
  });
});

describe('ipToBytes and ipFromBytes', () => {
  test('IPv4 text in an AF_INET6 message becomes IPv4-mapped, and prints back as IPv4', () => {
    const bytes = ipToBytes('10.0.0.1', AF.INET6, 'x');
    expect(bytes).toHaveLength(16);
    expect(ipFromBytes(bytes, AF.INET6, [])).toBe('10.0.0.1');
  });

  test('IPv6 text cannot go in an AF_INET message', () => {
    expect(() => ipToBytes('fd00::1', AF.INET, 'x')).toThrow(TypeError);
  });

  test('a length that does not fit the family is a DecodeError', () => {
    const error = (() => {
      try {
        ipFromBytes(Uint8Array.of(1, 2, 3), AF.INET, ['RTM_NEWROUTE', 'RTA_DST']);
      } catch (e) {
        return e;
      }
    })();
    expect(isDecodeError(error) && error.path).toEqual(['RTM_NEWROUTE', 'RTA_DST']);
    expect(ipFromBytes(new Uint8Array(16), AF.BRIDGE, [])).toBe('::');
  });

  test('prints Go canonical text', () => {
    const bytes = parseIpBytes('FD00:0:0:0:0:0:0:1', 'x').bytes;
    expect(ipFromBytes(bytes, AF.INET6, [])).toBe('fd00::1');
    expect(defaultPrefix(AF.INET)).toBe('0.0.0.0/0');
    expect(defaultPrefix(AF.INET6)).toBe('::/0');
  });
});
