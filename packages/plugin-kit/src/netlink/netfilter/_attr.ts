import { encodeAttribute, nla, type RawAttribute, read } from '../codec/attributes.ts';
import { NLA_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';

// Attribute helpers of the nf_tables codec: nf_tables numbers are big-endian on the wire
// (NLA_BE32, NLA_BE64), and every nest carries NLA_F_NESTED, as libnftnl writes them.

export function be64(type: number, value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, false);
  return encodeAttribute(type, out);
}

/** A signed 32-bit number in network order (hook priorities, verdict codes). */
export function bei32(type: number, value: number): Uint8Array {
  return nla.u32be(type, value);
}

export function nest(type: number, children: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const child of children) length += child.length;
  const value = new Uint8Array(length);
  let offset = 0;
  for (const child of children) {
    value.set(child, offset);
    offset += child.length;
  }
  return encodeAttribute(type | NLA_F.NESTED, value);
}

export function readBe64(attribute: RawAttribute, path: readonly string[]): bigint {
  if (attribute.value.length < 8) {
    throw new DecodeError(path, `needs 8 bytes, has ${attribute.value.length}`);
  }
  const value = attribute.value;
  return new DataView(value.buffer, value.byteOffset, value.byteLength).getBigUint64(0, false);
}

export function readBei32(attribute: RawAttribute, path: readonly string[]): number {
  return read.u32be(attribute, path) | 0;
}

/** The attribute `type` of `map`, or a DecodeError naming what is missing. */
export function required(
  map: ReadonlyMap<number, RawAttribute>,
  type: number,
  path: readonly string[],
): RawAttribute {
  const attribute = map.get(type);
  if (attribute === undefined) throw new DecodeError(path, `attribute ${type} missing`);
  return attribute;
}

/** A big-endian u32 attribute of `map`, or undefined when absent. */
export function optionalU32be(
  map: ReadonlyMap<number, RawAttribute>,
  type: number,
  path: readonly string[],
): number | undefined {
  const attribute = map.get(type);
  return attribute === undefined ? undefined : read.u32be(attribute, path);
}
