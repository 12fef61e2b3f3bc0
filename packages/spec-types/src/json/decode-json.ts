// A strict JSON parser (RFC 8259) that accepts and rejects exactly what Go's encoding/json does,
// decodes the way json.Unmarshal into `any` does, and reports errors with Go's messages.

import { goQuoteChar } from './_go-quote.ts';

/** Go's encoding/json maxNestingDepth. */
const MAX_DEPTH = 10000;

/** The one-character escapes after a backslash, by the code of that character. */
const SIMPLE_ESCAPES = new Map<number, string>([
  [0x22, '"'],
  [0x5c, '\\'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);

/** A syntax error; `message` is Go's SyntaxError text. */
export class JsonDecodeError extends Error {
  override readonly name = 'JsonDecodeError';
  /** 0-based index (UTF-16 code units) of the offending character, or the length at end of input. */
  readonly offset: number;
  /** 1-based line of `offset`. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of `offset`. */
  readonly column: number;

  constructor(message: string, offset: number, line: number, column: number) {
    super(message);
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

export function isJsonDecodeError(e: unknown): e is JsonDecodeError {
  return e instanceof JsonDecodeError;
}

/**
 * Parses `text` as one JSON value with Go encoding/json semantics: objects are plain objects
 * whose duplicate keys keep the last value at the position of the last occurrence, lone
 * surrogates become U+FFFD, numbers are JS numbers. Throws JsonDecodeError on invalid input.
 */
export function decodeJson(text: string): unknown {
  const native = parsedNatively(text);
  return native === NOT_NATIVE ? new Parser(text).parse() : native;
}

const NOT_NATIVE: unique symbol = Symbol('not parsed natively');

/**
 * JSON.parse's answer when it is certainly the parser's: the text is what JSON.stringify
 * makes of that answer (compact, as runtimes send a plugin its config), so no key was
 * duplicated (JSON.parse keeps a duplicate at its first position, Go's order at its last)
 * and no lone surrogate was decoded; it has no `\u` escape (Go turns an escaped lone
 * surrogate into U+FFFD) and is too short to nest past Go's limit. Anything else, and
 * invalid JSON (for Go's error), goes to the parser. About 0.08 ms less in a plugin exec.
 */
function parsedNatively(text: string): unknown {
  if (text.length > MAX_DEPTH || text.indexOf('\\u') !== -1) return NOT_NATIVE;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return NOT_NATIVE;
  }
  return JSON.stringify(value) === text ? value : NOT_NATIVE;
}

type Frame =
  | { readonly items: unknown[]; readonly obj: undefined; key: string }
  | { readonly items: undefined; readonly obj: Record<string, unknown>; key: string };

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function setProperty(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Last duplicate wins and moves to its last position; "__proto__" stays an own data property.
  if (Object.hasOwn(obj, key)) delete obj[key];
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

class Parser {
  private readonly text: string;
  private readonly n: number;
  private i = 0;
  /** The text produced by the last parseEscape call. */
  private escaped = '';

  constructor(text: string) {
    this.text = text;
    this.n = text.length;
  }

  parse(): unknown {
    const stack: Frame[] = [];
    let value: unknown;
    let c = this.skipSpace();
    for (;;) {
      // Here `c` is the first non-space character of a value (-1 at end of input).
      if (c === 0x7b) {
        this.checkDepth(stack.length + 1);
        this.i++;
        c = this.skipSpace();
        if (c === 0x7d) {
          this.i++;
          value = {};
        } else {
          const key = this.parseKey(c);
          stack.push({ items: undefined, obj: {}, key });
          c = this.skipSpace();
          continue;
        }
      } else if (c === 0x5b) {
        this.checkDepth(stack.length + 1);
        this.i++;
        c = this.skipSpace();
        if (c === 0x5d) {
          this.i++;
          value = [];
        } else {
          stack.push({ items: [], obj: undefined, key: '' });
          continue;
        }
      } else {
        value = this.parseScalar(c);
      }

      // A value is complete: attach it to its parents, closing every container that ends here.
      for (;;) {
        const frame = stack[stack.length - 1];
        c = this.skipSpace();
        if (frame === undefined) {
          if (c !== -1) this.fail(this.i, 'after top-level value');
          return value;
        }
        if (frame.items !== undefined) {
          frame.items.push(value);
          if (c === 0x2c) {
            this.i++;
            break;
          }
          if (c !== 0x5d) this.failAfterValue(c, 'after array element');
          value = frame.items;
        } else {
          setProperty(frame.obj, frame.key, value);
          if (c === 0x2c) {
            this.i++;
            frame.key = this.parseKey(this.skipSpace());
            break;
          }
          if (c !== 0x7d) this.failAfterValue(c, 'after object key:value pair');
          value = frame.obj;
        }
        this.i++;
        stack.pop();
      }
      c = this.skipSpace();
    }
  }

  private parseScalar(c: number): unknown {
    switch (c) {
      case 0x22:
        this.i++;
        return this.parseString();
      case 0x74:
        return this.parseLiteral('true', true);
      case 0x66:
        return this.parseLiteral('false', false);
      case 0x6e:
        return this.parseLiteral('null', null);
      case -1:
        return this.unexpectedEnd();
      default:
        if (c === 0x2d || isDigit(c)) return this.parseNumber();
        return this.fail(this.i, 'looking for beginning of value');
    }
  }

  /** Parses `"key"` and the following `:`, given the first non-space character `c`. */
  private parseKey(c: number): string {
    if (c === -1) this.unexpectedEnd();
    if (c !== 0x22) this.fail(this.i, 'looking for beginning of object key string');
    this.i++;
    const key = this.parseString();
    const after = this.skipSpace();
    if (after !== 0x3a) this.failAfterValue(after, 'after object key');
    this.i++;
    return key;
  }

  /** Parses a string body; `this.i` is just past the opening quote. */
  private parseString(): string {
    const { text, n } = this;
    let i = this.i;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= n) {
        this.i = i;
        return this.unexpectedEnd();
      }
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && (c < 0xd800 || c > 0xdfff)) {
        i++;
        continue;
      }
      if (c === 0x22) {
        this.i = i + 1;
        return out + text.slice(chunk, i);
      }
      if (c < 0x20) this.fail(i, 'in string literal');
      out += text.slice(chunk, i);
      if (c === 0x5c) {
        i = this.parseEscape(i + 1);
        out += this.escaped;
      } else {
        // A raw surrogate: keep a proper pair, replace a lone one as UTF-8 encoding would.
        const next = text.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += text.slice(i, i + 2);
          i += 2;
        } else {
          out += '\ufffd';
          i++;
        }
      }
      chunk = i;
    }
  }

  /** Decodes the escape whose code character is at `i`; returns the index after it. */
  private parseEscape(i: number): number {
    const { text } = this;
    const c = i < this.n ? text.charCodeAt(i) : -1;
    const simple = SIMPLE_ESCAPES.get(c);
    if (simple !== undefined) {
      this.escaped = simple;
      return i + 1;
    }
    if (c !== 0x75 /* u */) return this.fail(i, 'in string escape code');
    const unit = this.hex4(i + 1);
    let end = i + 5;
    if (unit < 0xd800 || unit > 0xdfff) {
      this.escaped = String.fromCharCode(unit);
      return end;
    }
    // Go: a surrogate escape combines only with an immediately following low-surrogate escape;
    // otherwise it becomes U+FFFD and whatever follows is decoded on its own.
    this.escaped = '\ufffd';
    if (unit <= 0xdbff && text.charCodeAt(end) === 0x5c && text.charCodeAt(end + 1) === 0x75) {
      const low = this.peekHex4(end + 2);
      if (low >= 0xdc00 && low <= 0xdfff) {
        this.escaped = String.fromCharCode(unit, low);
        end += 6;
      }
    }
    return end;
  }

  private hex4(start: number): number {
    let unit = 0;
    for (let k = start; k < start + 4; k++) {
      const h = k < this.n ? hexValue(this.text.charCodeAt(k)) : -1;
      if (h < 0) this.fail(k, 'in \\u hexadecimal character escape');
      unit = (unit << 4) | h;
    }
    return unit;
  }

  private peekHex4(start: number): number {
    let unit = 0;
    for (let k = start; k < start + 4; k++) {
      const h = k < this.n ? hexValue(this.text.charCodeAt(k)) : -1;
      if (h < 0) return -1;
      unit = (unit << 4) | h;
    }
    return unit;
  }

  private parseNumber(): number {
    const { text } = this;
    const start = this.i;
    let i = start;
    let c = text.charCodeAt(i);
    if (c === 0x2d) {
      c = text.charCodeAt(++i);
      if (!isDigit(c)) this.fail(i, 'in numeric literal');
    }
    i++;
    if (c !== 0x30) while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 0x2e) {
      if (!isDigit(text.charCodeAt(++i))) this.fail(i, 'after decimal point in numeric literal');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    c = text.charCodeAt(i);
    if (c === 0x65 || c === 0x45) {
      c = text.charCodeAt(++i);
      if (c === 0x2b || c === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) this.fail(i, 'in exponent of numeric literal');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.i = i;
    return Number(text.slice(start, i));
  }

  private parseLiteral<T>(word: 'true' | 'false' | 'null', value: T): T {
    const start = this.i;
    for (let k = 1; k < word.length; k++) {
      if (this.text.charCodeAt(start + k) !== word.charCodeAt(k)) {
        this.fail(start + k, `in literal ${word} (expecting '${word.charAt(k)}')`);
      }
    }
    this.i = start + word.length;
    return value;
  }

  private checkDepth(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(this.i, 'exceeded max depth');
  }

  /** Moves past JSON whitespace; returns the next character code, or -1 at end of input. */
  private skipSpace(): number {
    const { text, n } = this;
    let i = this.i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        this.i = i;
        return c;
      }
      i++;
    }
    this.i = n;
    return -1;
  }

  private failAfterValue(c: number, context: string): never {
    if (c === -1) this.unexpectedEnd();
    return this.fail(this.i, context);
  }

  /**
   * Go's `invalid character ...` error for the character at `offset`. At end of input Go feeds
   * the scanner a space, so an unfinished literal, number or escape reports `' '`.
   */
  private fail(offset: number, context: string): never {
    const codePoint = offset < this.n ? (this.text.codePointAt(offset) ?? 0x20) : 0x20;
    return this.raise(`invalid character ${goQuoteChar(codePoint)} ${context}`, offset);
  }

  private unexpectedEnd(): never {
    return this.raise('unexpected end of JSON input', this.n);
  }

  private raise(message: string, offset: number): never {
    const { text } = this;
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < offset; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    throw new JsonDecodeError(message, offset, line, offset - lineStart + 1);
  }
}
