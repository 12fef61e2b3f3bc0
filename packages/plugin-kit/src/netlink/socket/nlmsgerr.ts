// The payloads of NLMSG_ERROR (struct nlmsgerr) and NLMSG_DONE, with their extended-ack
// TLVs (include/uapi/linux/netlink.h). Pure bytes in and out, like codec/.
import {
  concatBytes,
  decodeAttributes,
  encodeAttribute,
  indexAttributes,
  nla,
  type RawAttribute,
  read,
} from '../codec/attributes.ts';
import { NLM_F, NLMSGERR_ATTR } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import { align4, NLMSG_HDRLEN } from '../codec/header.ts';
import type { NetlinkExtack } from './netlink-error.ts';

/** The request header the kernel echoes in an NLMSG_ERROR, as it was sent. */
export interface EchoedHeader {
  /** nlmsg_len of the request (the whole request, also when the echo is capped). */
  readonly length: number;
  readonly type: number;
  readonly flags: number;
  readonly seq: number;
  readonly pid: number;
}

/** A decoded NLMSG_ERROR payload. An ACK is an error of 0. */
export interface Nlmsgerr {
  /** As on the wire: 0 for an ACK, a negative errno for an error. */
  readonly error: number;
  readonly request: EchoedHeader;
  /** The echoed request payload; empty when the kernel capped the echo (NLM_F_CAPPED). */
  readonly requestPayload: Uint8Array;
  /** NLM_F_CAPPED was set: only the request header is echoed. */
  readonly capped: boolean;
  /** Extended-ack TLVs in wire order (empty without NLM_F_ACK_TLVS). */
  readonly attributes: readonly RawAttribute[];
}

/** A decoded NLMSG_DONE payload: the dump's final status and its extended-ack TLVs. */
export interface DonePayload {
  /** 0, or a negative errno when the dump failed part way. */
  readonly error: number;
  readonly attributes: readonly RawAttribute[];
}

/** Flags and payload of an encoded NLMSG_ERROR or NLMSG_DONE (the caller adds the header). */
export interface EncodedControl {
  /** NLM_F_CAPPED and NLM_F_ACK_TLVS as the payload needs them. */
  readonly flags: number;
  readonly payload: Uint8Array;
}

const ERROR_PATH = ['NLMSG_ERROR'];
const DONE_PATH = ['NLMSG_DONE'];
const NLMSGERR_LEN = 4 + NLMSG_HDRLEN;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function tlvs(
  payload: Uint8Array,
  start: number,
  flags: number,
  path: readonly string[],
): RawAttribute[] {
  if ((flags & NLM_F.ACK_TLVS) === 0) return [];
  if (start > payload.length) {
    throw new DecodeError(
      path,
      `extended ack starts at ${start}, payload has ${payload.length} bytes`,
    );
  }
  return decodeAttributes(payload.subarray(start), [...path, 'NLMSGERR_ATTR']);
}

/** Decodes the payload of an NLMSG_ERROR; `flags` are the message's nlmsg_flags. */
export function decodeNlmsgerr(payload: Uint8Array, flags: number): Nlmsgerr {
  if (payload.length < NLMSGERR_LEN) {
    throw new DecodeError(
      ERROR_PATH,
      `nlmsgerr needs ${NLMSGERR_LEN} bytes, has ${payload.length}`,
    );
  }
  const v = view(payload);
  const request: EchoedHeader = {
    length: v.getUint32(4, true),
    type: v.getUint16(8, true),
    flags: v.getUint16(10, true),
    seq: v.getUint32(12, true),
    pid: v.getUint32(16, true),
  };
  const capped = (flags & NLM_F.CAPPED) !== 0;
  // Uncapped, the kernel copies the whole request (nlmsg_len bytes); the TLVs follow, aligned.
  const echoed = capped ? NLMSG_HDRLEN : Math.max(request.length, NLMSG_HDRLEN);
  const requestPayload = payload.subarray(NLMSGERR_LEN, Math.min(4 + echoed, payload.length));
  return {
    error: v.getInt32(0, true),
    request,
    requestPayload,
    capped,
    attributes: tlvs(payload, align4(4 + echoed), flags, ERROR_PATH),
  };
}

function encodeTlvs(attributes: readonly RawAttribute[]): Uint8Array {
  return concatBytes(attributes.map((a) => encodeAttribute(a.type | a.flags, a.value)));
}

/** Encodes an NLMSG_ERROR payload; the inverse of decodeNlmsgerr. */
export function encodeNlmsgerr(value: Nlmsgerr): EncodedControl {
  const echo = value.capped ? new Uint8Array(0) : value.requestPayload;
  const head = new Uint8Array(align4(NLMSGERR_LEN + echo.length));
  const v = view(head);
  v.setInt32(0, value.error, true);
  v.setUint32(4, value.request.length >>> 0, true);
  v.setUint16(8, value.request.type, true);
  v.setUint16(10, value.request.flags, true);
  v.setUint32(12, value.request.seq >>> 0, true);
  v.setUint32(16, value.request.pid >>> 0, true);
  head.set(echo, NLMSGERR_LEN);
  const flags =
    (value.capped ? NLM_F.CAPPED : 0) | (value.attributes.length > 0 ? NLM_F.ACK_TLVS : 0);
  return { flags, payload: concatBytes([head, encodeTlvs(value.attributes)]) };
}

/**
 * Decodes the payload of an NLMSG_DONE. An empty payload (some families send one) is a
 * clean end; otherwise it starts with an int status.
 */
export function decodeDone(payload: Uint8Array, flags: number): DonePayload {
  if (payload.length === 0) return { error: 0, attributes: [] };
  if (payload.length < 4)
    throw new DecodeError(DONE_PATH, `status needs 4 bytes, has ${payload.length}`);
  return { error: view(payload).getInt32(0, true), attributes: tlvs(payload, 4, flags, DONE_PATH) };
}

/** Encodes an NLMSG_DONE payload; the inverse of decodeDone. */
export function encodeDone(value: DonePayload): EncodedControl {
  const status = new Uint8Array(4);
  view(status).setInt32(0, value.error, true);
  return {
    flags: value.attributes.length > 0 ? NLM_F.ACK_TLVS : 0,
    payload: concatBytes([status, encodeTlvs(value.attributes)]),
  };
}

/** The extended ack carried by the TLVs, or undefined when there is none. */
export function decodeExtack(
  attributes: readonly RawAttribute[],
  path: readonly string[],
): NetlinkExtack | undefined {
  if (attributes.length === 0) return undefined;
  const byType = indexAttributes(attributes);
  const at = (name: string): string[] => [...path, name];
  const msg = byType.get(NLMSGERR_ATTR.MSG);
  const offs = byType.get(NLMSGERR_ATTR.OFFS);
  const cookie = byType.get(NLMSGERR_ATTR.COOKIE);
  const missType = byType.get(NLMSGERR_ATTR.MISS_TYPE);
  const missNest = byType.get(NLMSGERR_ATTR.MISS_NEST);
  const extack: {
    message?: string;
    offset?: number;
    cookie?: Uint8Array;
    missingType?: number;
    missingNestOffset?: number;
  } = {};
  if (msg !== undefined) extack.message = read.string(msg);
  if (offs !== undefined) extack.offset = read.u32(offs, at('NLMSGERR_ATTR_OFFS'));
  if (cookie !== undefined) extack.cookie = read.bytes(cookie);
  if (missType !== undefined)
    extack.missingType = read.u32(missType, at('NLMSGERR_ATTR_MISS_TYPE'));
  if (missNest !== undefined)
    extack.missingNestOffset = read.u32(missNest, at('NLMSGERR_ATTR_MISS_NEST'));
  return Object.keys(extack).length === 0 ? undefined : extack;
}

/** The TLVs for an extended ack (MSG, OFFS, COOKIE, MISS_TYPE, MISS_NEST, those present). */
export function encodeExtack(extack: NetlinkExtack): RawAttribute[] {
  const attributes: Uint8Array[] = [];
  if (extack.message !== undefined) attributes.push(nla.string(NLMSGERR_ATTR.MSG, extack.message));
  if (extack.offset !== undefined) attributes.push(nla.u32(NLMSGERR_ATTR.OFFS, extack.offset));
  if (extack.cookie !== undefined) attributes.push(nla.bytes(NLMSGERR_ATTR.COOKIE, extack.cookie));
  if (extack.missingType !== undefined) {
    attributes.push(nla.u32(NLMSGERR_ATTR.MISS_TYPE, extack.missingType));
  }
  if (extack.missingNestOffset !== undefined) {
    attributes.push(nla.u32(NLMSGERR_ATTR.MISS_NEST, extack.missingNestOffset));
  }
  return decodeAttributes(concatBytes(attributes), ['NLMSGERR_ATTR']);
}
