import { describe, expect, test } from 'bun:test';
import {
  decodeEntry,
  encodeDeleteRequest,
  encodeDumpRequest,
  encodeFilteredDumpRequest,
} from './codec.ts';

describe('conntrack codec', () => {
  test('a dump asks for one family or both: the nfgenmsg alone', () => {
    expect([...encodeDumpRequest(4)]).toEqual([2, 0, 0, 0]);
    expect([...encodeDumpRequest(6)]).toEqual([10, 0, 0, 0]);
    expect([...encodeDumpRequest()]).toEqual([0, 0, 0, 0]);
  });

  test('a filtered dump: the family, then protocol and port of the original tuple, then CTA_FILTER', () => {
    const payload = encodeFilteredDumpRequest({ family: 4, protocol: 17, dstPort: 18053 });
    // biome-ignore format: one attribute per line
    expect([...payload]).toEqual([
      2, 0, 0, 0, // nfgenmsg: AF_INET
      0x18, 0, 1, 0x80, // CTA_TUPLE_ORIG (nested)
      0x14, 0, 2, 0x80, // CTA_TUPLE_PROTO (nested)
      5, 0, 1, 0, 17, 0, 0, 0, // CTA_PROTO_NUM: UDP
      6, 0, 3, 0, 0x46, 0x85, 0, 0, // CTA_PROTO_DST_PORT: 18053, network order
      0x14, 0, 25, 0x80, // CTA_FILTER (nested)
      8, 0, 1, 0, 0x28, 0, 0, 0, // CTA_FILTER_ORIG_FLAGS: PROTO_NUM | PROTO_DST_PORT
      8, 0, 2, 0, 0, 0, 0, 0, // CTA_FILTER_REPLY_FLAGS: none
    ]);
  });

  test('a delete names the original tuple (nested flags set), the zone only when not 0', () => {
    const entry = {
      family: 4 as const,
      zone: 0,
      orig: {
        src: '192.168.77.2',
        dst: '192.168.77.1',
        protocol: 17,
        srcPort: 40000,
        dstPort: 18053,
      },
    };
    const bytes = [...encodeDeleteRequest(entry)];
    expect(bytes).toEqual([
      2, 0, 0, 0,
      // CTA_TUPLE_ORIG (1 | NLA_F_NESTED), 52 bytes
      52, 0, 1, 0x80,
      // CTA_TUPLE_IP (nested), 20 bytes: V4_SRC, V4_DST
      20, 0, 1, 0x80, 8, 0, 1, 0, 192, 168, 77, 2, 8, 0, 2, 0, 192, 168, 77, 1,
      // CTA_TUPLE_PROTO (nested), 28 bytes: NUM 17, SRC_PORT 40000, DST_PORT 18053
      28, 0, 2, 0x80, 5, 0, 1, 0, 17, 0, 0, 0, 6, 0, 2, 0, 0x9c, 0x40, 0, 0, 6, 0, 3, 0, 0x46, 0x85,
      0, 0,
    ]);
    // The same attributes read back as the entry they came from.
    expect(decodeEntry(Uint8Array.from(bytes))).toEqual(entry);
    const zoned = encodeDeleteRequest({ ...entry, zone: 5 });
    expect([...zoned.slice(-8)]).toEqual([6, 0, 18, 0, 0, 5, 0, 0]);
    expect(decodeEntry(zoned).zone).toBe(5);
  });

  test('IPv6 tuples use the V6 attributes', () => {
    const entry = {
      family: 6 as const,
      zone: 0,
      orig: { src: 'fd00::2', dst: 'fd00::1', protocol: 17, srcPort: 1, dstPort: 2 },
    };
    expect(decodeEntry(encodeDeleteRequest(entry))).toEqual(entry);
  });
});
