import type { NftByteorder } from './set-datatype.ts';
import { decodeUdata } from './udata.ts';

// Userdata of a set as nft(8) writes it (libnftnl's NFTNL_UDATA_SET_* TLVs): the key's byte
// order, for a map the value's byte order and whether values are intervals, then the
// comment. The numbers are u32 in host order; the kernel keeps the bytes and gives them back.

/** enum nftnl_udata_set_types. */
export const NFTNL_UDATA_SET = {
  KEYBYTEORDER: 0,
  DATABYTEORDER: 1,
  MERGE_ELEMENTS: 2,
  KEY_TYPEOF: 3,
  DATA_TYPEOF: 4,
  EXPR: 5,
  DATA_INTERVAL: 6,
  COMMENT: 7,
} as const;

export interface NftSetUdata {
  readonly keyByteorder: NftByteorder;
  /** Maps only. */
  readonly dataByteorder?: NftByteorder;
  readonly comment?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function tlv(type: number, value: Uint8Array): number[] {
  if (value.length > 255) throw new RangeError(`set userdata TLV ${type} of ${value.length} bytes`);
  return [type, value.length, ...value];
}

function u32host(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** The userdata nft writes for a set: key byte order, [data byte order, data interval 0], [comment]. */
export function encodeSetUdata(udata: NftSetUdata): Uint8Array {
  const bytes = tlv(NFTNL_UDATA_SET.KEYBYTEORDER, u32host(udata.keyByteorder));
  if (udata.dataByteorder !== undefined) {
    bytes.push(...tlv(NFTNL_UDATA_SET.DATABYTEORDER, u32host(udata.dataByteorder)));
    bytes.push(...tlv(NFTNL_UDATA_SET.DATA_INTERVAL, u32host(0)));
  }
  if (udata.comment !== undefined) {
    bytes.push(...tlv(NFTNL_UDATA_SET.COMMENT, encoder.encode(`${udata.comment}\0`)));
  }
  return new Uint8Array(bytes);
}

/** The comment in a set's userdata, or undefined. */
export function setCommentOfUdata(bytes: Uint8Array): string | undefined {
  const entry = decodeUdata(bytes).find((t) => t.type === NFTNL_UDATA_SET.COMMENT);
  if (entry === undefined) return undefined;
  const end = entry.value.indexOf(0);
  return decoder.decode(end === -1 ? entry.value : entry.value.subarray(0, end));
}
