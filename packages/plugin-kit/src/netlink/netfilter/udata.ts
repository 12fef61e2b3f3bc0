import { DecodeError } from '../codec/decode-error.ts';

// Userdata of tables, chains and rules as nft(8) writes it (libnftnl's udata): a run of
// TLVs { u8 type; u8 length; value }, where type 0 is the comment (NFTNL_UDATA_TABLE_COMMENT,
// NFTNL_UDATA_CHAIN_COMMENT, NFTNL_UDATA_RULE_COMMENT), a NUL-terminated string.

/** TLV type of a comment, the same number for tables, chains and rules. */
export const NFTNL_UDATA_COMMENT = 0;

/** One userdata TLV. */
export interface UdataTlv {
  readonly type: number;
  readonly value: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The userdata holding only `comment` (NUL included in the TLV length, as nft does). */
export function encodeCommentUdata(comment: string): Uint8Array {
  const text = encoder.encode(comment);
  if (text.length + 1 > 255) {
    throw new RangeError(`comment of ${text.length} bytes: a userdata TLV holds at most 254`);
  }
  const out = new Uint8Array(2 + text.length + 1);
  out[0] = NFTNL_UDATA_COMMENT;
  out[1] = text.length + 1;
  out.set(text, 2);
  return out;
}

/** Splits userdata into TLVs; a TLV running past the end throws DecodeError. */
export function decodeUdata(bytes: Uint8Array): UdataTlv[] {
  const tlvs: UdataTlv[] = [];
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const type = bytes[offset] ?? 0;
    const length = bytes[offset + 1] ?? 0;
    if (offset + 2 + length > bytes.length) {
      throw new DecodeError(['userdata'], `TLV ${type} of ${length} bytes runs past the end`);
    }
    tlvs.push({ type, value: bytes.subarray(offset + 2, offset + 2 + length) });
    offset += 2 + length;
  }
  return tlvs;
}

/** The comment in userdata, or undefined when there is none. */
export function commentOfUdata(bytes: Uint8Array): string | undefined {
  // A loop, not find(): listing rules is on every nftables ADD, which pays for a builtin's
  // first call (issue 22).
  let tlv: UdataTlv | undefined;
  for (const entry of decodeUdata(bytes)) if (entry.type === NFTNL_UDATA_COMMENT) tlv ??= entry;
  if (tlv === undefined) return undefined;
  const end = tlv.value.indexOf(0);
  return decoder.decode(end === -1 ? tlv.value : tlv.value.subarray(0, end));
}
