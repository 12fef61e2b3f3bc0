import type { GenericSchema } from 'valibot';

/** The parts of a valibot schema object that describe its structure. */
interface SchemaShape {
  readonly type: string;
  readonly entries?: Readonly<Record<string, GenericSchema>>;
  readonly item?: GenericSchema;
  readonly wrapped?: GenericSchema;
  readonly options?: readonly GenericSchema[];
  readonly value?: GenericSchema;
  readonly getter?: (input: unknown) => GenericSchema;
}

const OBJECT_TYPES = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

/**
 * Go's key folding: ASCII case, plus the two non-ASCII runes that fold onto ASCII letters.
 * (U+212A KELVIN SIGN lowercases to "k" by itself; U+017F LONG S is already lowercase.)
 * No regular expression: a builtin's first call is paid by every plugin exec (issue 22).
 */
export function foldKey(key: string): string {
  const lower = key.toLowerCase();
  return lower.indexOf('\u017f') === -1 ? lower : lower.split('\u017f').join('s');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

type Entries = Readonly<Record<string, GenericSchema>>;

/** Each object schema's keys by their folded form, made when an input key is not exact. */
// A Map, not a WeakMap: schemas are module constants, and a process's first WeakMap costs
// a setup a Map does not.
const foldedByEntries = new Map<Entries, Map<string, string>>();

function foldedKeys(entries: Entries): Map<string, string> {
  let folded = foldedByEntries.get(entries);
  if (folded === undefined) {
    folded = new Map();
    for (const key of Object.keys(entries)) folded.set(foldKey(key), key);
    foldedByEntries.set(entries, folded);
  }
  return folded;
}

function unwrap(schema: GenericSchema, input: unknown): SchemaShape {
  let shape = schema as unknown as SchemaShape;
  for (;;) {
    if (shape.wrapped) shape = shape.wrapped as unknown as SchemaShape;
    else if (shape.getter) shape = shape.getter(input) as unknown as SchemaShape;
    else return shape;
  }
}

function pickOption(shape: SchemaShape, input: unknown): SchemaShape | undefined {
  for (const option of shape.options ?? []) {
    const candidate = unwrap(option, input);
    if (Array.isArray(input) && candidate.type === 'array') return candidate;
    if (isPlainObject(input) && (OBJECT_TYPES.has(candidate.type) || candidate.type === 'record')) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * Rewrites `input` the way Go's encoding/json reads it into the struct `schema` describes:
 * object keys match the schema's keys case-insensitively and, of several keys that match
 * one field, the last wins; `null` for a known key leaves the field unset. Unknown keys
 * are kept as they are. Arrays, records and wrapped schemas are walked recursively.
 */
export function foldKeys(schema: GenericSchema, input: unknown): unknown {
  let shape = unwrap(schema, input);
  if (shape.type === 'union' || shape.type === 'variant') {
    const option = pickOption(shape, input);
    if (!option) return input;
    shape = option;
  }
  if (shape.type === 'array' && shape.item && Array.isArray(input)) {
    const out: unknown[] = [];
    for (const element of input) out.push(foldKeys(shape.item, element));
    return out;
  }
  if (!isPlainObject(input)) return input;
  if (shape.type === 'record' && shape.value) {
    const valueSchema = shape.value;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input))
      setOwn(out, key, foldKeys(valueSchema, value));
    return out;
  }
  if (!OBJECT_TYPES.has(shape.type) || !shape.entries) return input;
  const entries = shape.entries;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = Object.hasOwn(entries, key) ? key : foldedKeys(entries).get(foldKey(key));
    if (field === undefined) {
      setOwn(out, key, value);
    } else if (value !== null) {
      setOwn(out, field, foldKeys(entries[field] as GenericSchema, value));
    }
  }
  return out;
}
