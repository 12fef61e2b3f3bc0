// Byte-for-byte the output of Go's json.Marshal / json.MarshalIndent(v, "", indent) for plain
// JSON data (objects in their own key order, like Go structs).

const HEX = '0123456789abcdef';

/**
 * Go's escape for an ASCII code (escapeHTML on): quote, backslash, control characters, `<`,
 * `>`, `&`; undefined for a code written as is. A switch, not a table: building a table at
 * import costs every plugin exec the first call of Array.prototype.fill and padStart.
 */
function asciiEscape(c: number): string | undefined {
  switch (c) {
    case 0x08:
      return '\\b';
    case 0x09:
      return '\\t';
    case 0x0a:
      return '\\n';
    case 0x0c:
      return '\\f';
    case 0x0d:
      return '\\r';
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x3c:
      return '\\u003c';
    case 0x3e:
      return '\\u003e';
    case 0x26:
      return '\\u0026';
    default:
      return c < 0x20 ? `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}` : undefined;
  }
}

/** A JSON string literal as Go writes it; a lone surrogate becomes U+FFFD (unescaped). */
function quoteString(s: string): string {
  let out = '"';
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let replacement: string | undefined;
    if (c < 0x80) {
      replacement = asciiEscape(c);
      if (replacement === undefined) continue;
    } else if (c === 0x2028) {
      replacement = '\\u2028';
    } else if (c === 0x2029) {
      replacement = '\\u2029';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\ufffd';
    } else {
      continue;
    }
    out += s.slice(start, i) + replacement;
    start = i + 1;
  }
  return `${out + s.slice(start)}"`;
}

/** Go's float64 encoding: ES number formatting, except that -0 keeps its sign. */
function formatNumber(v: number, path: readonly (string | number)[]): string {
  if (!Number.isFinite(v)) throw unsupported(`value ${String(v)}`, path);
  return Object.is(v, -0) ? '-0' : String(v);
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function unsupported(what: string, path: readonly (string | number)[]): TypeError {
  return new TypeError(`encodeJson: unsupported ${what} at ${formatPath(path)}`);
}

function typeName(value: object): string {
  const ctor: unknown = Object.getPrototypeOf(value)?.constructor;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'object';
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

class Encoder {
  private readonly indent: string;
  private readonly path: (string | number)[] = [];
  private readonly open = new Set<object>();
  private readonly newlines: string[] = [];

  constructor(indent: string) {
    this.indent = indent;
  }

  /** Newline plus indentation for `depth`, or '' when compact. */
  private newline(depth: number): string {
    if (this.indent === '') return '';
    let nl = this.newlines[depth];
    if (nl === undefined) {
      nl = `\n${this.indent.repeat(depth)}`;
      this.newlines[depth] = nl;
    }
    return nl;
  }

  encode(value: unknown, depth: number): string {
    switch (typeof value) {
      case 'string':
        return quoteString(value);
      case 'number':
        return formatNumber(value, this.path);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        if (value === null) return 'null';
        if (this.open.has(value)) throw unsupported('cyclic structure', this.path);
        this.open.add(value);
        try {
          if (Array.isArray(value)) return this.encodeArray(value, depth);
          if (isPlainObject(value)) return this.encodeObject(value, depth);
          throw unsupported(`value of type ${typeName(value)}`, this.path);
        } finally {
          this.open.delete(value);
        }
      default:
        throw unsupported(`value of type ${typeof value}`, this.path);
    }
  }

  private encodeArray(items: readonly unknown[], depth: number): string {
    if (items.length === 0) return '[]';
    const inner = this.newline(depth + 1);
    let out = '[';
    for (let k = 0; k < items.length; k++) {
      this.path.push(k);
      out += (k === 0 ? inner : `,${inner}`) + this.encode(items[k], depth + 1);
      this.path.pop();
    }
    return `${out + this.newline(depth)}]`;
  }

  private encodeObject(obj: Record<string, unknown>, depth: number): string {
    const inner = this.newline(depth + 1);
    const colon = this.indent === '' ? ':' : ': ';
    let out = '{';
    let first = true;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (v === undefined) continue;
      this.path.push(key);
      out += `${first ? inner : `,${inner}`}${quoteString(key)}${colon}${this.encode(v, depth + 1)}`;
      this.path.pop();
      first = false;
    }
    return first ? '{}' : `${out + this.newline(depth)}}`;
  }
}

/**
 * Encodes plain JSON data (plain objects, arrays, strings, finite numbers, booleans, null) exactly
 * as Go's json.Marshal (`indent` '') or json.MarshalIndent(v, '', indent) would, without a
 * trailing newline. Object properties whose value is undefined are skipped. Throws TypeError for
 * anything else (NaN, Infinity, bigint, functions, symbols, undefined elsewhere, class instances,
 * cycles).
 */
export function encodeJson(value: unknown, indent = ''): string {
  return new Encoder(indent).encode(value, 0);
}
