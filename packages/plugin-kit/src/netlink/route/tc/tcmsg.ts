import { DecodeError } from '../../codec/decode-error.ts';
import { viewOf } from '../_bytes.ts';
import { TCMSG_LEN } from './constants.ts';

/** struct tcmsg, the fixed header of every RTM_*QDISC / RTM_*TCLASS / RTM_*TFILTER message. */
export interface TcHeader {
  /** tcm_family: AF_UNSPEC for everything tc sends. */
  readonly family: number;
  /** tcm_ifindex: the link's index. */
  readonly index: number;
  /** tcm_handle */
  readonly handle: number;
  /** tcm_parent */
  readonly parent: number;
  /**
   * tcm_info. Qdisc dumps: the reference count. Filters: priority << 16 | the protocol in
   * network byte order (see filterInfo).
   */
  readonly info: number;
}

/** Encodes struct tcmsg (20 bytes). */
export function encodeTcHeader(header: TcHeader): Uint8Array {
  const out = new Uint8Array(TCMSG_LEN);
  const view = new DataView(out.buffer);
  view.setUint8(0, header.family);
  view.setInt32(4, header.index, true);
  view.setUint32(8, header.handle >>> 0, true);
  view.setUint32(12, header.parent >>> 0, true);
  view.setUint32(16, header.info >>> 0, true);
  return out;
}

/** Decodes struct tcmsg at the start of `payload`; DecodeError when it is too short. */
export function decodeTcHeader(payload: Uint8Array, path: readonly string[]): TcHeader {
  if (payload.length < TCMSG_LEN) {
    throw new DecodeError([...path, 'tcmsg'], `needs ${TCMSG_LEN} bytes, has ${payload.length}`);
  }
  const view = viewOf(payload);
  return {
    family: view.getUint8(0),
    index: view.getInt32(4, true),
    handle: view.getUint32(8, true),
    parent: view.getUint32(12, true),
    info: view.getUint32(16, true),
  };
}

function swap16(value: number): number {
  return ((value & 0xff) << 8) | ((value >> 8) & 0xff);
}

/** A filter's tcm_info: TC_H_MAKE(priority << 16, htons(protocol)). */
export function filterInfo(priority: number, protocol: number): number {
  return (((priority & 0xffff) << 16) | swap16(protocol & 0xffff)) >>> 0;
}

/** The priority and protocol (host order, ETH_P_*) in a filter's tcm_info. */
export function splitFilterInfo(info: number): { priority: number; protocol: number } {
  return { priority: info >>> 16, protocol: swap16(info & 0xffff) };
}
