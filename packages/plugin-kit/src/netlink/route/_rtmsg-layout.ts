// struct rtmsg (routes) and struct fib_rule_hdr (rules) share one 12-byte layout: family,
// dst_len, src_len, tos, table, two bytes (rtm_protocol and rtm_scope; res1 and res2 in a
// rule), rtm_type (action in a rule), then u32 flags in host order. One codec serves both.
import { DecodeError } from '../codec/decode-error.ts';

/** sizeof(struct rtmsg) == sizeof(struct fib_rule_hdr). */
export const RTMSG_LAYOUT_LEN = 12;

/** The header fields, by their rtmsg names. */
export interface RtmsgLayout {
  readonly family: number;
  readonly dstLength: number;
  readonly srcLength: number;
  readonly tos: number;
  readonly table: number;
  /** rtm_protocol; res1 (0) in fib_rule_hdr. */
  readonly protocol: number;
  /** rtm_scope; res2 (0) in fib_rule_hdr. */
  readonly scope: number;
  /** rtm_type; action in fib_rule_hdr. */
  readonly type: number;
  readonly flags: number;
}

/** Writes the 12-byte header. */
export function encodeRtmsgLayout(header: RtmsgLayout): Uint8Array {
  const out = new Uint8Array(RTMSG_LAYOUT_LEN);
  const view = new DataView(out.buffer);
  view.setUint8(0, header.family);
  view.setUint8(1, header.dstLength);
  view.setUint8(2, header.srcLength);
  view.setUint8(3, header.tos);
  view.setUint8(4, header.table);
  view.setUint8(5, header.protocol);
  view.setUint8(6, header.scope);
  view.setUint8(7, header.type);
  view.setUint32(8, header.flags >>> 0, true);
  return out;
}

/** Reads the header; a short payload throws DecodeError at `[...path, struct]`. */
export function decodeRtmsgLayout(
  payload: Uint8Array,
  path: readonly string[],
  struct: 'rtmsg' | 'fib_rule_hdr',
): RtmsgLayout {
  if (payload.length < RTMSG_LAYOUT_LEN) {
    throw new DecodeError(
      [...path, struct],
      `needs ${RTMSG_LAYOUT_LEN} bytes, has ${payload.length}`,
    );
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return {
    family: view.getUint8(0),
    dstLength: view.getUint8(1),
    srcLength: view.getUint8(2),
    tos: view.getUint8(3),
    table: view.getUint8(4),
    protocol: view.getUint8(5),
    scope: view.getUint8(6),
    type: view.getUint8(7),
    flags: view.getUint32(8, true),
  };
}
