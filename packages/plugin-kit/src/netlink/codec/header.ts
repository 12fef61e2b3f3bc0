import { DecodeError } from './decode-error.ts';

/** Size of struct nlmsghdr. */
export const NLMSG_HDRLEN = 16;

/** Netlink lengths are padded to 4 bytes (NLMSG_ALIGN, NLA_ALIGN). */
export function align4(length: number): number {
  return (length + 3) & ~3;
}

/** One netlink message: the header fields and the payload after the 16-byte header. */
export interface NetlinkMessage {
  readonly type: number;
  readonly flags: number;
  readonly seq: number;
  readonly pid: number;
  readonly payload: Uint8Array;
}

/** Encodes one message; nlmsg_len is computed, the payload is padded to 4 bytes. */
export function encodeMessage(message: NetlinkMessage): Uint8Array {
  const length = NLMSG_HDRLEN + message.payload.length;
  const out = new Uint8Array(align4(length));
  // Byte by byte, little-endian: a DataView over a new array's buffer costs a copy.
  const words = [length, message.type | (message.flags << 16), message.seq, message.pid];
  for (let w = 0; w < 4; w++) {
    const word = words[w] ?? 0;
    for (let b = 0; b < 4; b++) out[w * 4 + b] = word >>> (8 * b);
  }
  out.set(message.payload, NLMSG_HDRLEN);
  return out;
}

/**
 * Splits a datagram into messages. Every length is checked against the buffer;
 * a malformed header throws DecodeError, never anything else.
 */
export function decodeMessages(bytes: Uint8Array): NetlinkMessage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages: NetlinkMessage[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < NLMSG_HDRLEN) {
      throw new DecodeError(
        ['nlmsghdr'],
        `${bytes.length - offset} trailing bytes, header needs ${NLMSG_HDRLEN}`,
      );
    }
    const length = view.getUint32(offset, true);
    if (length < NLMSG_HDRLEN || length > bytes.length - offset) {
      throw new DecodeError(
        ['nlmsghdr'],
        `nlmsg_len ${length} does not fit the ${bytes.length - offset} bytes left`,
      );
    }
    messages.push({
      type: view.getUint16(offset + 4, true),
      flags: view.getUint16(offset + 6, true),
      seq: view.getUint32(offset + 8, true),
      pid: view.getUint32(offset + 12, true),
      payload: bytes.subarray(offset + NLMSG_HDRLEN, offset + length),
    });
    offset += Math.min(align4(length), bytes.length - offset);
  }
  return messages;
}
