// A tiny JSON Schema checker for tests: the keyword subset the generated schemas use.
// It throws on any other keyword, so it never passes a document by ignoring a rule.

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description']);
const KEYWORDS = new Set([
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'minimum',
  'minItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'anyOf',
  'if',
  'then',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The ways `value` breaks `schema`, one line each with a JSONPath-like location. */
export function validateJson(schema: unknown, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  if (!isObject(schema)) throw new Error(`${path}: not a schema`);
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`unsupported keyword ${key}`);
  }
  const s = schema;
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  const at = (sub: unknown, v: unknown, p: string) => errors.push(...validateJson(sub, v, p));
  const actual = typeOf(value);
  if (s.type !== undefined) {
    const types: unknown[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) {
      fail(`expected ${types.join('|')}, got ${actual}`);
      return errors;
    }
  }
  if ('const' in s && !same(s.const, value)) fail(`expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => same(e, value))) fail('not in enum');
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => validateJson(sub, value).length === 0)) {
    fail('matches no anyOf branch');
  }
  if ('if' in s && validateJson(s.if, value).length === 0) at(s.then ?? true, value, path);
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) {
      fail(`does not match ${s.pattern}`);
    }
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) fail('too short');
  }
  if (typeof value === 'number' && typeof s.minimum === 'number' && value < s.minimum) {
    fail(`below ${s.minimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('too few items');
    if (s.items !== undefined) {
      for (const [i, item] of value.entries()) at(s.items, item, `${path}[${i}]`);
    }
  }
  if (isObject(value)) {
    const properties = isObject(s.properties) ? s.properties : {};
    for (const key of Array.isArray(s.required) ? s.required : []) {
      if (typeof key === 'string' && !Object.hasOwn(value, key)) fail(`missing ${key}`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (s.propertyNames !== undefined) at(s.propertyNames, key, `${path}.${key}`);
      const sub = Object.hasOwn(properties, key) ? properties[key] : s.additionalProperties;
      if (sub !== undefined) at(sub, item, `${path}.${key}`);
    }
  }
  return errors;
}
