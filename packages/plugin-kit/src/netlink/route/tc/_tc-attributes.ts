// Typed attribute lists for traffic-control messages: the same shape as route/_attribute-table.ts
// ({kind: 'TCA_…', value} entries in wire order, unknown attributes kept raw), plus the NLA_F_*
// bits. tc marks some nests NLA_F_NESTED (TCA_ACT_OPTIONS) and vishvananda/netlink does not;
// to reproduce either byte for byte, a table row names the flags tc sends and an entry whose
// wire flags differ carries its own `flags`.
import { concatBytes, decodeAttributes, encodeAttribute } from '../../codec/attributes.ts';
import type { UnknownAttribute, ValueCodec } from '../_attribute-table.ts';

/** One typed attribute. `flags` only when its NLA_F_* bits differ from the table row's. */
export interface TcAttr<K extends string, V> {
  readonly kind: K;
  readonly value: V;
  readonly flags?: number;
}

/** Any typed entry (the `unknown` ones are UnknownAttribute). */
export interface TcTypedAttribute {
  readonly kind: string;
  readonly value: unknown;
  readonly flags?: number;
}

/** One table row: type number, value codec, and the NLA_F_* bits written by default. */
export interface TcAttributeSpec<T> {
  readonly type: number;
  readonly codec: ValueCodec<T>;
  readonly flags?: number;
}

/** A table: one row per known kind of the union, typed by that member's value. */
export type TcAttributeTable<A extends TcTypedAttribute> = {
  readonly [K in Exclude<A['kind'], 'unknown'>]: TcAttributeSpec<
    Extract<A, { readonly kind: K }>['value']
  >;
};

interface Row {
  readonly kind: string;
  readonly spec: TcAttributeSpec<unknown>;
}

const CONTEXT = { family: 0 };
const reverseCache = new WeakMap<object, Map<number, Row>>();

function rowsByType(table: object): Map<number, Row> {
  let rows = reverseCache.get(table);
  if (rows === undefined) {
    rows = new Map();
    for (const [kind, spec] of Object.entries(table) as [string, TcAttributeSpec<unknown>][]) {
      rows.set(spec.type, { kind, spec });
    }
    reverseCache.set(table, rows);
  }
  return rows;
}

function isUnknown(attribute: TcTypedAttribute | UnknownAttribute): attribute is UnknownAttribute {
  return attribute.kind === 'unknown';
}

/** Encodes a typed list in its order; unknown entries are written back as they were. */
export function encodeTcAttributes<A extends TcTypedAttribute>(
  table: TcAttributeTable<A>,
  attributes: readonly (A | UnknownAttribute)[],
): Uint8Array {
  const rows = table as unknown as Readonly<Record<string, TcAttributeSpec<unknown>>>;
  const chunks: Uint8Array[] = [];
  for (const attribute of attributes) {
    if (isUnknown(attribute)) {
      chunks.push(encodeAttribute(attribute.type | attribute.flags, attribute.value));
      continue;
    }
    const spec = rows[attribute.kind];
    if (spec === undefined) throw new TypeError(`no attribute named ${attribute.kind}`);
    const flags = attribute.flags ?? spec.flags ?? 0;
    chunks.push(encodeAttribute(spec.type | flags, spec.codec.encode(attribute.value, CONTEXT)));
  }
  return concatBytes(chunks);
}

/**
 * Decodes an attribute stream into the typed list, in wire order. A known attribute whose
 * value is malformed throws DecodeError at `[...path, kind]`.
 */
export function decodeTcAttributes<A extends TcTypedAttribute>(
  table: TcAttributeTable<A>,
  bytes: Uint8Array,
  path: readonly string[],
): (A | UnknownAttribute)[] {
  const rows = rowsByType(table);
  return decodeAttributes(bytes, path).map((raw) => {
    const row = rows.get(raw.type);
    if (row === undefined) {
      return { kind: 'unknown', type: raw.type, flags: raw.flags, value: raw.value.slice() };
    }
    const value = row.spec.codec.decode(raw.value, CONTEXT, [...path, row.kind]);
    const entry =
      raw.flags === (row.spec.flags ?? 0)
        ? { kind: row.kind, value }
        : { kind: row.kind, value, flags: raw.flags };
    return entry as A;
  });
}
