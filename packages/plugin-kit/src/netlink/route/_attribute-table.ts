// Typed attribute lists for rtnetlink messages, declared as one table per message kind.
//
// A message's attributes decode into an ordered list of `{kind, value}` entries whose kind is
// the kernel name ('IFA_ADDRESS', 'RTA_GATEWAY', …). Attributes the table does not know
// become `{kind: 'unknown', type, flags, value}` with their raw bytes, so a decode/encode
// round trip keeps them and keeps the order. Each table row names the attribute's type
// number and its value codec, which fixes its size and byte order in one place.
//
// Known entries normally drop their NLA_F_* bits. A context with `keepFlags` (traffic control,
// where tc marks some nests NLA_F_NESTED and vishvananda/netlink does not) keeps them: a row
// names the bits written by default, and an entry whose wire bits differ carries its own `flags`.
import { concatBytes, decodeAttributes, encodeAttribute } from '../codec/attributes.ts';
import { bytesOfHexPairs, formatHex, isHexPair } from '../codec/hex.ts';
import { checkUint, needBytes, writeFixed } from './_bytes.ts';
import { ipFromBytes, ipToBytes } from './_ip.ts';

/** What a value codec may need from the message around it. */
export interface AttributeContext {
  /** The message's address family (AF_*): decides the size of IP addresses. */
  readonly family: number;
  /** Known entries keep their NLA_F_* bits (see the file comment); off when absent. */
  readonly keepFlags?: boolean;
}

/** How one attribute's value (the bytes after the 4-byte header) is written and read. */
export interface ValueCodec<T> {
  encode(value: T, context: AttributeContext): Uint8Array;
  /** Throws DecodeError at `path` when the bytes do not hold a valid value. */
  decode(bytes: Uint8Array, context: AttributeContext, path: readonly string[]): T;
}

/** An attribute the table does not know, kept as it was on the wire. */
export interface UnknownAttribute {
  readonly kind: 'unknown';
  /** The type number without the NLA_F_* bits. */
  readonly type: number;
  /** NLA_F_NESTED / NLA_F_NET_BYTEORDER bits as they were on the wire. */
  readonly flags: number;
  readonly value: Uint8Array;
}

/** One table row. */
export interface AttributeSpec<T> {
  readonly type: number;
  readonly codec: ValueCodec<T>;
  /** The NLA_F_* bits written by default; read only under `keepFlags`. */
  readonly flags?: number;
}

/** Any typed attribute list entry. */
export interface TypedAttribute {
  readonly kind: string;
  readonly value: unknown;
  /** Under `keepFlags`: the NLA_F_* bits, only when they differ from the table row's. */
  readonly flags?: number;
}

/**
 * The table for an attribute union: one row per known kind, with a codec whose value type
 * matches that member of the union (checked by the compiler).
 */
export type AttributeTable<A extends TypedAttribute> = {
  readonly [K in Exclude<A['kind'], 'unknown'>]: AttributeSpec<
    Extract<A, { readonly kind: K }>['value']
  >;
};

interface Row {
  readonly kind: string;
  readonly spec: AttributeSpec<unknown>;
}

// A Map, not a WeakMap: the tables are module constants (see link/_fields.ts).
const reverseCache = new Map<object, Map<number, Row>>();

function rowsByType(table: object): Map<number, Row> {
  let rows = reverseCache.get(table);
  if (rows === undefined) {
    rows = new Map();
    for (const [kind, spec] of Object.entries(table) as [string, AttributeSpec<unknown>][]) {
      rows.set(spec.type, { kind, spec });
    }
    reverseCache.set(table, rows);
  }
  return rows;
}

/** Encodes a typed attribute list in its order; unknown entries are written back as they were. */
export function encodeTypedAttributes<A extends TypedAttribute>(
  table: AttributeTable<A>,
  attributes: readonly (A | UnknownAttribute)[],
  context: AttributeContext,
): Uint8Array {
  const rows = table as unknown as Readonly<Record<string, AttributeSpec<unknown>>>;
  const chunks: Uint8Array[] = [];
  for (const attribute of attributes) {
    if (isUnknown(attribute)) {
      chunks.push(encodeAttribute(attribute.type | attribute.flags, attribute.value));
      continue;
    }
    const spec = rows[attribute.kind];
    if (spec === undefined) throw new TypeError(`no attribute named ${attribute.kind}`);
    const flags = context.keepFlags === true ? (attribute.flags ?? spec.flags ?? 0) : 0;
    chunks.push(encodeAttribute(spec.type | flags, spec.codec.encode(attribute.value, context)));
  }
  return concatBytes(chunks);
}

function isUnknown(attribute: TypedAttribute | UnknownAttribute): attribute is UnknownAttribute {
  return attribute.kind === 'unknown';
}

/**
 * Decodes an attribute stream into the typed list, in wire order. A known attribute whose
 * value is malformed throws DecodeError at `[...path, kind]`.
 */
export function decodeTypedAttributes<A extends TypedAttribute>(
  table: AttributeTable<A>,
  bytes: Uint8Array,
  context: AttributeContext,
  path: readonly string[],
): (A | UnknownAttribute)[] {
  const rows = rowsByType(table);
  // A loop, not map(): route, address and link decoding runs in most ADDs (issue 22).
  const decoded: (A | UnknownAttribute)[] = [];
  for (const raw of decodeAttributes(bytes, path)) {
    const row = rows.get(raw.type);
    if (row === undefined) {
      decoded.push({ kind: 'unknown', type: raw.type, flags: raw.flags, value: raw.value.slice() });
      continue;
    }
    const value = row.spec.codec.decode(raw.value, context, [...path, row.kind]);
    const keep = context.keepFlags === true && raw.flags !== (row.spec.flags ?? 0);
    decoded.push(
      (keep ? { kind: row.kind, value, flags: raw.flags } : { kind: row.kind, value }) as A,
    );
  }
  return decoded;
}

/** The value of the last attribute of `kind` (the kernel's nla_parse keeps the last one). */
export function lastOf<A extends TypedAttribute, K extends Exclude<A['kind'], 'unknown'>>(
  attributes: readonly (A | UnknownAttribute)[],
  kind: K,
): Extract<A, { readonly kind: K }>['value'] | undefined {
  for (let i = attributes.length - 1; i >= 0; i--) {
    const attribute = attributes[i];
    if (attribute !== undefined && attribute.kind === kind) {
      return (attribute as Extract<A, { readonly kind: K }>).value;
    }
  }
  return undefined;
}

/** Drops the undefined properties, for records built under exactOptionalPropertyTypes. */
export function definedOnly<T extends object>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

// ---- value codecs -------------------------------------------------------------------------

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Value codecs. Integers are host order (little-endian) unless the name ends in `be`.
 * Reads are length-checked: a short value throws DecodeError; a longer one is read from
 * its start, as the kernel's nla_get_* do.
 */
export const values = {
  u8: {
    encode: (value) => Uint8Array.of(checkUint(value, 0xff, 'u8')),
    decode: (bytes, _context, path) => needBytes(bytes, 1, path).getUint8(0),
  } satisfies ValueCodec<number>,
  u16: {
    encode: (value) => writeFixed(2, (v) => v.setUint16(0, checkUint(value, 0xffff, 'u16'), true)),
    decode: (bytes, _context, path) => needBytes(bytes, 2, path).getUint16(0, true),
  } satisfies ValueCodec<number>,
  u16be: {
    encode: (value) => writeFixed(2, (v) => v.setUint16(0, checkUint(value, 0xffff, 'u16'), false)),
    decode: (bytes, _context, path) => needBytes(bytes, 2, path).getUint16(0, false),
  } satisfies ValueCodec<number>,
  u32: {
    encode: (value) =>
      writeFixed(4, (v) => v.setUint32(0, checkUint(value, 0xffffffff, 'u32'), true)),
    decode: (bytes, _context, path) => needBytes(bytes, 4, path).getUint32(0, true),
  } satisfies ValueCodec<number>,
  i32: {
    encode: (value) => writeFixed(4, (v) => v.setInt32(0, value, true)),
    decode: (bytes, _context, path) => needBytes(bytes, 4, path).getInt32(0, true),
  } satisfies ValueCodec<number>,
  u64be: {
    encode: (value) => writeFixed(8, (v) => v.setBigUint64(0, value, false)),
    decode: (bytes, _context, path) => needBytes(bytes, 8, path).getBigUint64(0, false),
  } satisfies ValueCodec<bigint>,
  /** A NUL-terminated string; reads stop at the first NUL. */
  string: {
    encode: (value) => {
      const text = encoder.encode(value);
      const out = new Uint8Array(text.length + 1);
      out.set(text);
      return out;
    },
    decode: (bytes) => {
      const end = bytes.indexOf(0);
      return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
    },
  } satisfies ValueCodec<string>,
  /** An IP address whose size follows the message family (see _ip.ts). */
  ip: {
    encode: (value, context) => ipToBytes(value, context.family, 'address'),
    decode: (bytes, context, path) => ipFromBytes(bytes, context.family, path),
  } satisfies ValueCodec<string>,
  /** A link-layer address as lowercase "aa:bb:…" (any length, "" for none). */
  mac: {
    encode: (value) => parseMac(value),
    decode: (bytes) => formatMac(bytes),
  } satisfies ValueCodec<string>,
};

/** Formats link-layer address bytes as lowercase "aa:bb:cc:dd:ee:ff". */
export function formatMac(bytes: Uint8Array): string {
  return formatHex(bytes, ':');
}

/** Parses "aa:bb:…" (any number of hex pairs, "" for none); throws TypeError otherwise. */
export function parseMac(text: string): Uint8Array {
  if (text === '') return new Uint8Array(0);
  const parts = text.split(':');
  for (const part of parts) {
    if (!isHexPair(part)) {
      throw new TypeError(`'${text}' is not a link-layer address (aa:bb:cc:dd:ee:ff)`);
    }
  }
  return bytesOfHexPairs(parts);
}

/** A struct of u32 fields (host order), read and written in the order given. */
export function u32Struct<K extends string>(
  fields: readonly K[],
  signed: readonly K[] = [],
): ValueCodec<Readonly<Record<K, number>>> {
  const size = fields.length * 4;
  return {
    encode: (value) =>
      writeFixed(size, (v) => {
        for (let i = 0; i < fields.length; i++) {
          const field = fields[i] as K;
          if (signed.includes(field)) v.setInt32(i * 4, value[field], true);
          else v.setUint32(i * 4, value[field] >>> 0, true);
        }
      }),
    decode: (bytes, _context, path) => {
      const v = needBytes(bytes, size, path);
      const out = {} as Record<K, number>;
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i] as K;
        out[field] = signed.includes(field) ? v.getInt32(i * 4, true) : v.getUint32(i * 4, true);
      }
      return out;
    },
  };
}

/** A nested attribute list with its own table. */
export function nestedList<A extends TypedAttribute>(
  table: () => AttributeTable<A>,
): ValueCodec<readonly (A | UnknownAttribute)[]> {
  return {
    encode: (value, context) => encodeTypedAttributes(table(), value, context),
    decode: (bytes, context, path) => decodeTypedAttributes(table(), bytes, context, path),
  };
}
