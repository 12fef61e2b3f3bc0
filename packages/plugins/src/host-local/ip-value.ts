import { formatIp, type IpFamily, isIpv4Like, parseIp } from '@cni-ts/spec-types';

/**
 * An address as a number, for range arithmetic. IPv4-mapped IPv6 addresses are IPv4, as
 * upstream canonicalises every address it stores (`To4()` first).
 */
export interface IpValue {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** The width of a family's addresses in bits. */
export function familyBits(family: IpFamily): 32 | 128 {
  return family === 4 ? 32 : 128;
}

/** The address `bytes` (4 or 16 of them, as spec-types' parseIp gives) as an IpValue. */
export function ipValueOf(bytes: Uint8Array): IpValue {
  const family: IpFamily = isIpv4Like(bytes) ? 4 : 6;
  const start = family === 4 ? bytes.length - 4 : 0;
  let value = 0n;
  for (let i = start; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return { family, value };
}

/** Parses an address in Go's `net.ParseIP` grammar; undefined when it is not one. */
export function parseIpValue(text: string): IpValue | undefined {
  const bytes = parseIp(text);
  return bytes === undefined ? undefined : ipValueOf(bytes);
}

/** The address's bytes: 4 for IPv4, 16 for IPv6. */
export function ipBytes(ip: IpValue): Uint8Array {
  const length = ip.family === 4 ? 4 : 16;
  const bytes = new Uint8Array(length);
  let value = ip.value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

/** The address as Go prints it (`net.IP.String()`): the name of its reservation file. */
export function formatIpValue(ip: IpValue): string {
  return formatIp(ipBytes(ip));
}

/** The next address, wrapping at the end of the family's space as upstream's NextIP does. */
export function nextIp(ip: IpValue): IpValue {
  const limit = 1n << BigInt(familyBits(ip.family));
  return { family: ip.family, value: (ip.value + 1n) % limit };
}

/** True when both are the same address of the same family. */
export function sameIp(a: IpValue, b: IpValue | undefined): boolean {
  return b !== undefined && a.family === b.family && a.value === b.value;
}
