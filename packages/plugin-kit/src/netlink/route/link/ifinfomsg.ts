import { DecodeError } from '../../codec/decode-error.ts';
import { IFINFOMSG_LEN } from './constants.ts';

/** struct ifinfomsg: the fixed header of every RTM_*LINK message. */
export interface IfInfoMsg {
  /** ifi_family: AF_UNSPEC for links, AF_BRIDGE for bridge port messages. */
  readonly family: number;
  /** ifi_type: the ARPHRD_* hardware type. */
  readonly type: number;
  readonly index: number;
  /** ifi_flags: IFF_* bits. */
  readonly flags: number;
  /** ifi_change: which IFF_* bits a request changes. */
  readonly change: number;
}

/** Encodes struct ifinfomsg (16 bytes, host byte order; the pad byte is zero). */
export function encodeIfInfoMsg(header: Partial<IfInfoMsg>): Uint8Array {
  const out = new Uint8Array(IFINFOMSG_LEN);
  const view = new DataView(out.buffer);
  view.setUint8(0, header.family ?? 0);
  view.setUint16(2, header.type ?? 0, true);
  view.setInt32(4, header.index ?? 0, true);
  view.setUint32(8, (header.flags ?? 0) >>> 0, true);
  view.setUint32(12, (header.change ?? 0) >>> 0, true);
  return out;
}

/** Decodes struct ifinfomsg from the start of `bytes`; shorter than 16 bytes is a DecodeError. */
export function decodeIfInfoMsg(bytes: Uint8Array, path: readonly string[]): IfInfoMsg {
  if (bytes.length < IFINFOMSG_LEN) {
    throw new DecodeError(
      [...path, 'ifinfomsg'],
      `needs ${IFINFOMSG_LEN} bytes, has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, IFINFOMSG_LEN);
  return {
    family: view.getUint8(0),
    type: view.getUint16(2, true),
    index: view.getInt32(4, true),
    flags: view.getUint32(8, true),
    change: view.getUint32(12, true),
  };
}
