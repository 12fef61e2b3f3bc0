import { describe, expect, test } from 'bun:test';
import { IFF_TUNTAP, IFREQ_SIZE } from './constants.ts';
import { decodeIfreq, encodeIfreq } from './ifreq.ts';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('encodeIfreq', () => {
  test('lays out the NUL-padded name and the little-endian flags in 40 bytes', () => {
    const request = encodeIfreq('tap0', IFF_TUNTAP.IFF_TAP | IFF_TUNTAP.IFF_NO_PI);
    expect(request.length).toBe(IFREQ_SIZE);
    // "tap0" + 12 NULs | ifr_flags 0x1002 little-endian | 22 bytes of union padding
    expect(hex(request)).toBe(`74617030${'00'.repeat(12)}0210${'00'.repeat(22)}`);
  });

  test('encodes every flag bit ip tuntap add sets for a multi-queue vnet_hdr tap', () => {
    const flags =
      IFF_TUNTAP.IFF_TAP |
      IFF_TUNTAP.IFF_NO_PI |
      IFF_TUNTAP.IFF_MULTI_QUEUE |
      IFF_TUNTAP.IFF_VNET_HDR |
      IFF_TUNTAP.IFF_TUN_EXCL;
    expect(flags).toBe(0xd102);
    expect(hex(encodeIfreq('tap%d', flags).subarray(16, 18))).toBe('02d1');
  });

  test('takes 15 bytes of name and refuses 16', () => {
    expect(decodeIfreq(encodeIfreq('a'.repeat(15), 0)).name).toBe('a'.repeat(15));
    expect(() => encodeIfreq('a'.repeat(16), 0)).toThrow(RangeError);
    expect(() => encodeIfreq('ab\0c', 0)).toThrow(RangeError);
  });
});

describe('decodeIfreq', () => {
  test('reads back what encodeIfreq wrote', () => {
    expect(decodeIfreq(encodeIfreq('tun7', IFF_TUNTAP.IFF_TUN | IFF_TUNTAP.IFF_PERSIST))).toEqual({
      name: 'tun7',
      flags: 0x0801,
    });
  });

  test('reads a name that fills the field without a NUL', () => {
    const request = new Uint8Array(IFREQ_SIZE);
    request.set(Buffer.from('0123456789abcdef'));
    expect(decodeIfreq(request).name).toBe('0123456789abcdef');
  });

  test('reads from a view into a larger buffer', () => {
    const big = new Uint8Array(100);
    big.set(encodeIfreq('x', 0x1234), 10);
    expect(decodeIfreq(big.subarray(10, 10 + IFREQ_SIZE))).toEqual({ name: 'x', flags: 0x1234 });
  });

  test('refuses a buffer too short for the name and flags', () => {
    expect(() => decodeIfreq(new Uint8Array(17))).toThrow(RangeError);
  });
});

describe('ifreq round trip (seeded random)', () => {
  // xorshift32, so every run checks the same cases.
  let state = 0x2545f491;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_.%';

  test('decode(encode(name, flags)) gives back the name and flags, 2000 cases', () => {
    for (let i = 0; i < 2000; i += 1) {
      const length = 1 + (next() % 15);
      const name = Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
      const flags = next() & 0xffff;
      expect(decodeIfreq(encodeIfreq(name, flags))).toEqual({ name, flags });
    }
  });

  test('decoding random 40-byte buffers never throws, and re-encoding is stable', () => {
    for (let i = 0; i < 2000; i += 1) {
      const raw = Uint8Array.from({ length: IFREQ_SIZE }, () => 1 + (next() % 127));
      if (next() % 2 === 0) raw[next() % 16] = 0;
      const decoded = decodeIfreq(raw);
      expect(decodeIfreq(encodeIfreq(decoded.name.slice(0, 15), decoded.flags)).flags).toBe(
        decoded.flags,
      );
    }
  });
});
