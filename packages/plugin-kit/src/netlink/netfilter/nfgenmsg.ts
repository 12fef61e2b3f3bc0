import { DecodeError } from '../codec/decode-error.ts';
import { NFNETLINK_V0 } from './constants.ts';

/** Size of struct nfgenmsg, the header of every nfnetlink message. */
export const NFGENMSG_LEN = 4;

/** struct nfgenmsg { __u8 nfgen_family; __u8 version; __be16 res_id; } */
export interface Nfgenmsg {
  readonly family: number;
  readonly version: number;
  /** Big-endian on the wire: the subsystem in a batch message, the generation (low 16 bits) in replies. */
  readonly resId: number;
}

export function encodeNfgenmsg(family: number, resId = 0): Uint8Array {
  // Byte by byte: a DataView over a new array's buffer costs a copy (see codec/attributes.ts).
  return Uint8Array.of(family, NFNETLINK_V0, resId >>> 8, resId);
}

/** The header and the attribute bytes after it. */
export function decodeNfgenmsg(payload: Uint8Array): { header: Nfgenmsg; attributes: Uint8Array } {
  if (payload.length < NFGENMSG_LEN) {
    throw new DecodeError(['nfgenmsg'], `${payload.length} bytes, needs ${NFGENMSG_LEN}`);
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return {
    header: {
      family: view.getUint8(0),
      version: view.getUint8(1),
      resId: view.getUint16(2, false),
    },
    attributes: payload.subarray(NFGENMSG_LEN),
  };
}
