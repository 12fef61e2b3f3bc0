import { NLA_TYPE_MASK } from './constants.ts';
import { DecodeError } from './decode-error.ts';
import { align4 } from './header.ts';

/** Size of struct nlattr (also struct rtattr). */
export const NLA_HDRLEN = 4;

/** An attribute as decoded: its type without the flag bits, the flags, and its value bytes. */
export interface RawAttribute {
  readonly type: number;
  /** NLA_F_NESTED / NLA_F_NET_BYTEORDER bits as they were on the wire. */
  readonly flags: number;
  readonly value: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Concatenates byte chunks. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * An attribute of `size` value bytes with its header written: length and type
 * little-endian, byte by byte. No DataView: asking a new Uint8Array for its `.buffer`
 * makes JavaScriptCore give it an ArrayBuffer of its own and copy it, for every attribute
 * of a request (issue 22).
 */
function withHeader(type: number, size: number): Uint8Array {
  const length = NLA_HDRLEN + size;
  const out = new Uint8Array(align4(length));
  out[0] = length;
  out[1] = length >>> 8;
  out[2] = type;
  out[3] = type >>> 8;
  return out;
}

/** One attribute on the wire: header, value, padding to 4 bytes. `type` may carry NLA_F bits. */
export function encodeAttribute(type: number, value: Uint8Array): Uint8Array {
  const out = withHeader(type, value.length);
  out.set(value, NLA_HDRLEN);
  return out;
}

/** An attribute whose value is the `size` low bytes of `value`, little- or big-endian. */
function integer(type: number, size: 1 | 2 | 4, value: number, bigEndian: boolean): Uint8Array {
  const out = withHeader(type, size);
  for (let i = 0; i < size; i++) {
    out[NLA_HDRLEN + (bigEndian ? size - 1 - i : i)] = value >>> (8 * i);
  }
  return out;
}

/**
 * Attribute builders. Each returns the complete encoded attribute, so a message body is
 * `concatBytes([header, nla.u32(...), nla.nested(...)])`. Host byte order is little-endian
 * (x86_64, arm64); the `be` variants are network byte order.
 */
export const nla = {
  bytes: (type: number, value: Uint8Array): Uint8Array => encodeAttribute(type, value),
  flag: (type: number): Uint8Array => withHeader(type, 0),
  u8: (type: number, value: number): Uint8Array => integer(type, 1, value, false),
  u16: (type: number, value: number): Uint8Array => integer(type, 2, value, false),
  u16be: (type: number, value: number): Uint8Array => integer(type, 2, value, true),
  u32: (type: number, value: number): Uint8Array => integer(type, 4, value, false),
  u32be: (type: number, value: number): Uint8Array => integer(type, 4, value, true),
  i32: (type: number, value: number): Uint8Array => integer(type, 4, value, false),
  u64: (type: number, value: bigint): Uint8Array => {
    const out = withHeader(type, 8);
    new DataView(out.buffer).setBigUint64(NLA_HDRLEN, value, true);
    return out;
  },
  /** A NUL-terminated string, as the kernel expects for names (IFLA_IFNAME, IFLA_INFO_KIND). */
  string: (type: number, value: string): Uint8Array => {
    const text = encoder.encode(value);
    const out = withHeader(type, text.length + 1);
    out.set(text, NLA_HDRLEN);
    return out;
  },
  /** Nested attributes. Pass `type | NLA_F.NESTED` to set the nested flag on the wire. */
  nested: (type: number, children: readonly Uint8Array[]): Uint8Array => {
    let size = 0;
    for (const child of children) size += child.length;
    const out = withHeader(type, size);
    let offset = NLA_HDRLEN;
    for (const child of children) {
      out.set(child, offset);
      offset += child.length;
    }
    return out;
  },
};

/**
 * Splits an attribute stream. Trailing bytes shorter than an attribute header are
 * ignored, as the kernel's nla_for_each_attr does; a length that runs past the buffer
 * throws DecodeError at `path`.
 */
export function decodeAttributes(bytes: Uint8Array, path: readonly string[]): RawAttribute[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const attributes: RawAttribute[] = [];
  let offset = 0;
  while (bytes.length - offset >= NLA_HDRLEN) {
    const length = view.getUint16(offset, true);
    const rawType = view.getUint16(offset + 2, true);
    if (length < NLA_HDRLEN || length > bytes.length - offset) {
      throw new DecodeError(
        path,
        `attribute ${rawType & NLA_TYPE_MASK} has length ${length}, ${bytes.length - offset} bytes left`,
      );
    }
    attributes.push({
      type: rawType & NLA_TYPE_MASK,
      flags: rawType & ~NLA_TYPE_MASK & 0xffff,
      value: bytes.subarray(offset + NLA_HDRLEN, offset + length),
    });
    offset += align4(length);
  }
  return attributes;
}

/** Attributes by type; the last occurrence wins, as in the kernel's nla_parse. */
export function indexAttributes(attributes: readonly RawAttribute[]): Map<number, RawAttribute> {
  const map = new Map<number, RawAttribute>();
  for (const attribute of attributes) map.set(attribute.type, attribute);
  return map;
}

function viewOf(value: Uint8Array): DataView {
  return new DataView(value.buffer, value.byteOffset, value.byteLength);
}

function needAtLeast(attribute: RawAttribute, size: number, path: readonly string[]): DataView {
  if (attribute.value.length < size) {
    throw new DecodeError(path, `needs ${size} bytes, has ${attribute.value.length}`);
  }
  return viewOf(attribute.value);
}

/** A string attribute's value up to its first NUL (or the whole value when there is none). */
export function stringValue(value: Uint8Array): string {
  const end = value.indexOf(0);
  return decoder.decode(end === -1 ? value : value.subarray(0, end));
}

/**
 * Typed reads of one attribute's value, length-checked (a short value throws DecodeError
 * at `path`; a longer one is read from its start, as the kernel's nla_get_* do).
 */
export const read = {
  u8: (a: RawAttribute, path: readonly string[]): number => needAtLeast(a, 1, path).getUint8(0),
  u16: (a: RawAttribute, path: readonly string[]): number =>
    needAtLeast(a, 2, path).getUint16(0, true),
  u16be: (a: RawAttribute, path: readonly string[]): number =>
    needAtLeast(a, 2, path).getUint16(0, false),
  u32: (a: RawAttribute, path: readonly string[]): number =>
    needAtLeast(a, 4, path).getUint32(0, true),
  u32be: (a: RawAttribute, path: readonly string[]): number =>
    needAtLeast(a, 4, path).getUint32(0, false),
  i32: (a: RawAttribute, path: readonly string[]): number =>
    needAtLeast(a, 4, path).getInt32(0, true),
  u64: (a: RawAttribute, path: readonly string[]): bigint =>
    needAtLeast(a, 8, path).getBigUint64(0, true),
  /** A string up to its first NUL (or the whole value when there is none). */
  string: (a: RawAttribute): string => stringValue(a.value),
  bytes: (a: RawAttribute): Uint8Array => a.value.slice(),
  nested: (a: RawAttribute, path: readonly string[]): RawAttribute[] =>
    decodeAttributes(a.value, path),
};
