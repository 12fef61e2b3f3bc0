import { describe, expect, test } from 'bun:test';
import { gratuitousArpPayload, parseMac, unsolicitedNaPacket } from './announce-frames.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('gratuitousArpPayload', () => {
  test('is an ARP request with sender = target = the address and a broadcast target MAC', () => {
    expect(hex(gratuitousArpPayload('10.22.0.5', '0a:58:0a:16:00:05'))).toBe(
      [
        '0001', // Ethernet
        '0800', // IPv4
        '06',
        '04',
        '0001', // request
        '0a580a160005',
        '0a160005',
        'ffffffffffff',
        '0a160005',
      ].join(''),
    );
  });

  test('rejects an IPv6 address and a bad MAC', () => {
    expect(() => gratuitousArpPayload('fd00::1', '0a:58:0a:16:00:05')).toThrow('not an IPv4');
    expect(() => parseMac('0a:58:0a:16:00')).toThrow('invalid MAC');
  });
});

describe('unsolicitedNaPacket', () => {
  const packet = unsolicitedNaPacket('fd00:22::5', '0a:58:0a:16:00:05');

  test('has an IPv6 header to ff02::1 with hop limit 255', () => {
    expect(hex(packet.subarray(0, 8))).toBe('6000000000203aff');
    expect(hex(packet.subarray(24, 40))).toBe('ff020000000000000000000000000001');
  });

  test('carries an NA with the override flag and the target link-layer address option', () => {
    const icmp = packet.subarray(40);
    expect(icmp[0]).toBe(136);
    expect(icmp[4]).toBe(0x20);
    expect(hex(icmp.subarray(8, 24))).toBe('fd000022000000000000000000000005');
    expect(hex(icmp.subarray(24, 32))).toBe('02010a580a160005');
  });

  test('has an ICMPv6 checksum that verifies over the pseudo-header', () => {
    // Summing the pseudo-header and the message including its checksum gives 0xffff.
    const icmp = packet.subarray(40);
    const pseudo = new Uint8Array(40 + icmp.length);
    pseudo.set(packet.subarray(8, 40), 0);
    new DataView(pseudo.buffer).setUint32(32, icmp.length);
    pseudo[39] = 58;
    pseudo.set(icmp, 40);
    let sum = 0;
    for (let i = 0; i < pseudo.length; i += 2)
      sum += ((pseudo[i] ?? 0) << 8) | (pseudo[i + 1] ?? 0);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    expect(sum).toBe(0xffff);
  });
});
