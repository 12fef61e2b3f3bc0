// Internal: one table per attribute set, declaring each attribute's type, byte order and
// value type in one place. Encoding walks the table in order and emits the fields that are
// set; decoding maps each known attribute type back to its field and leaves the rest to the
// raw attribute list.
import { formatIp, parseIp } from '@cni-ts/spec-types';
import { nla, type RawAttribute, read } from '../../codec/attributes.ts';
import { DecodeError, isDecodeError } from '../../codec/decode-error.ts';
import { formatMac, parseMac } from './mac.ts';

/** How one field is carried: the attribute type(s) it uses and its value codec. */
export interface Field<V> {
  /** Attribute types this field decodes from (more than one for family-dependent IPs). */
  readonly types: readonly number[];
  encode(value: V): Uint8Array;
  /** Undefined when the value is not one this library names (the raw attribute keeps it). */
  decode(attribute: RawAttribute, path: readonly string[]): V | undefined;
}

/** A table for record T: one field per key, in the order attributes are emitted. */
export type FieldTable<T> = { readonly [K in keyof T]-?: Field<NonNullable<T[K]>> };

const single = <V>(
  type: number,
  encode: (value: V) => Uint8Array,
  decode: (attribute: RawAttribute, path: readonly string[]) => V | undefined,
): Field<V> => ({ types: [type], encode, decode });

export const field = {
  u8: (type: number): Field<number> =>
    single(
      type,
      (v) => nla.u8(type, v),
      (a, p) => read.u8(a, p),
    ),
  bool: (type: number): Field<boolean> =>
    single(
      type,
      (v) => nla.u8(type, v ? 1 : 0),
      (a, p) => read.u8(a, p) !== 0,
    ),
  /**
   * An NLA_FLAG attribute: `true` emits it empty, `false` emits nothing. Some kernels report
   * such a setting back as a u8 (IFLA_VXLAN_TTL_INHERIT), so a value byte is honoured.
   */
  flag: (type: number): Field<boolean> => ({
    types: [type],
    encode: (v) => (v ? nla.flag(type) : new Uint8Array(0)),
    decode: (a) => a.value.length === 0 || a.value[0] !== 0,
  }),
  u16: (type: number): Field<number> =>
    single(
      type,
      (v) => nla.u16(type, v),
      (a, p) => read.u16(a, p),
    ),
  be16: (type: number): Field<number> =>
    single(
      type,
      (v) => nla.u16be(type, v),
      (a, p) => read.u16be(a, p),
    ),
  u32: (type: number): Field<number> =>
    single(
      type,
      (v) => nla.u32(type, v),
      (a, p) => read.u32(a, p),
    ),
  be32: (type: number): Field<number> =>
    single(
      type,
      (v) => nla.u32be(type, v),
      (a, p) => read.u32be(a, p),
    ),
  u64: (type: number): Field<bigint> =>
    single(
      type,
      (v) => nla.u64(type, v),
      (a, p) => read.u64(a, p),
    ),
  string: (type: number): Field<string> =>
    single(
      type,
      (v) => nla.string(type, v),
      (a) => read.string(a),
    ),
  /** Text without a terminating NUL (IFLA_IFALIAS, as ip sends it). */
  text: (type: number): Field<string> =>
    single(
      type,
      (v) => nla.bytes(type, new TextEncoder().encode(v)),
      (a) => read.string(a),
    ),
  mac: (type: number): Field<string> =>
    single(
      type,
      (v) => nla.bytes(type, parseMac(v)),
      (a) => formatMac(a.value),
    ),
  /** An IP address in the attribute of its family (IPv4 in type4, IPv6 in type6). */
  ip: (type4: number, type6: number): Field<string> => ({
    types: [type4, type6],
    encode: (v) => {
      const bytes = parseIp(v);
      if (bytes === undefined) throw new TypeError(`not an IP address: ${JSON.stringify(v)}`);
      return nla.bytes(bytes.length === 4 ? type4 : type6, bytes);
    },
    decode: (a, p) => {
      if (a.value.length !== 4 && a.value.length !== 16) {
        throw new DecodeError(p, `an IP address needs 4 or 16 bytes, has ${a.value.length}`);
      }
      return formatIp(a.value);
    },
  }),
  /** Names for the values of an integer attribute; an unnamed value decodes to undefined. */
  enumOf: <N extends string>(
    inner: Field<number>,
    names: Readonly<Record<N, number>>,
  ): Field<N> => {
    const byValue = new Map<number, N>();
    for (const name of Object.keys(names) as N[]) byValue.set(names[name], name);
    return {
      types: inner.types,
      encode: (v) => inner.encode(names[v]),
      decode: (a, p) => {
        const value = inner.decode(a, p);
        return value === undefined ? undefined : byValue.get(value);
      },
    };
  },
};

/** Named bits of an integer attribute: encodes the OR of the true ones, decodes every named bit. */
export function bitsOf<N extends string>(
  inner: Field<number>,
  bits: Readonly<Record<N, number>>,
): Field<Partial<Record<N, boolean>>> {
  const names = Object.keys(bits) as N[];
  return {
    types: inner.types,
    encode: (v) => inner.encode(names.reduce((acc, name) => (v[name] ? acc | bits[name] : acc), 0)),
    decode: (a, p) => {
      const value = inner.decode(a, p) ?? 0;
      const out: Partial<Record<N, boolean>> = {};
      for (const name of names) out[name] = (value & bits[name]) !== 0;
      return out;
    },
  };
}

/** Emits the set fields of `record`, in table order. */
export function encodeFields<T extends object>(table: FieldTable<T>, record: T): Uint8Array[] {
  const out: Uint8Array[] = [];
  const values = record as Record<string, unknown>;
  for (const [key, entry] of Object.entries(table) as [string, Field<unknown>][]) {
    const value = values[key];
    if (value === undefined) continue;
    const bytes = entry.encode(value);
    if (bytes.length > 0) out.push(bytes);
  }
  return out;
}

// Decoding runs on every link reply, so the two lookups below are built once per table
// (links are decoded on each plugin exec; building them per message was measurable).
// Maps, not WeakMaps: the tables are module constants, and a process's first WeakMap
// costs JavaScriptCore a setup a Map does not (issue 22).
const typeIndexes = new Map<object, ReadonlyMap<number, [string, Field<unknown>]>>();
const nameIndexes = new Map<object, ReadonlyMap<number, string>>();

function typeIndex(table: object): ReadonlyMap<number, [string, Field<unknown>]> {
  let index = typeIndexes.get(table);
  if (index === undefined) {
    const built = new Map<number, [string, Field<unknown>]>();
    for (const [key, entry] of Object.entries(table) as [string, Field<unknown>][]) {
      for (const type of entry.types) built.set(type, [key, entry]);
    }
    index = built;
    typeIndexes.set(table, index);
  }
  return index;
}

/** Reads every attribute the table knows; the last occurrence wins, as in nla_parse. */
export function decodeFields<T extends object>(
  table: FieldTable<T>,
  attributes: readonly RawAttribute[],
  path: readonly string[],
  names: Readonly<Record<string, number>>,
  prefix: string,
): Partial<T> {
  const byType = typeIndex(table);
  const out: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const known = byType.get(attribute.type);
    if (known === undefined) continue;
    const [key, entry] = known;
    let value: unknown;
    try {
      // Decoded at the table's path, and the attribute's name put in only on failure: a
      // path array per attribute cost more than the decode (a bridge has some forty).
      value = entry.decode(attribute, path);
    } catch (error) {
      if (!isDecodeError(error)) throw error;
      const name = attributeName(names, attribute.type, prefix);
      throw new DecodeError([...path, name, ...error.path.slice(path.length)], error.reason);
    }
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as Partial<T>;
}

/** The kernel name of an attribute type within a constant object, for DecodeError paths. */
export function attributeName(
  names: Readonly<Record<string, number>>,
  type: number,
  prefix: string,
): string {
  let index = nameIndexes.get(names);
  if (index === undefined) {
    const built = new Map<number, string>();
    // The first name of a value wins, as the scan this replaces did.
    for (const [name, value] of Object.entries(names))
      if (!built.has(value)) built.set(value, name);
    index = built;
    nameIndexes.set(names, index);
  }
  const name = index.get(type);
  return name === undefined ? `${prefix}${type}` : `${prefix}${name}`;
}
