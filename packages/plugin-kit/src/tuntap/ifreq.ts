// struct ifreq for the tun ioctls: char ifr_name[IFNAMSIZ] then, in the union, a
// native-endian short ifr_flags (little-endian on x86_64 and arm64).
import { IFNAMSIZ, IFREQ_SIZE } from './constants.ts';

/** An ifreq with `name` (NUL-padded) and `flags`. A name longer than 15 bytes is a RangeError. */
export function encodeIfreq(name: string, flags: number): Uint8Array {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length >= IFNAMSIZ || bytes.includes(0)) {
    throw new RangeError(`interface name "${name}" must be at most ${IFNAMSIZ - 1} bytes`);
  }
  const request = new Uint8Array(IFREQ_SIZE);
  request.set(bytes, 0);
  new DataView(request.buffer).setUint16(IFNAMSIZ, flags, true);
  return request;
}

/** The name and flags in an ifreq (as the kernel filled them in after TUNSETIFF/TUNGETIFF). */
export function decodeIfreq(request: Uint8Array): { name: string; flags: number } {
  if (request.length < IFNAMSIZ + 2) {
    throw new RangeError(`ifreq needs at least ${IFNAMSIZ + 2} bytes, got ${request.length}`);
  }
  const field = request.subarray(0, IFNAMSIZ);
  const end = field.indexOf(0);
  const name = Buffer.from(field.subarray(0, end === -1 ? IFNAMSIZ : end)).toString('utf8');
  const flags = new DataView(request.buffer, request.byteOffset).getUint16(IFNAMSIZ, true);
  return { name, flags };
}
