// Go's strconv.Quote (the `%q` verb) for the error texts that quote plugin output.

const SIMPLE: ReadonlyMap<number, string> = new Map([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
  [0x22, '\\"'],
  [0x5c, '\\\\'],
]);

let printable: RegExp | undefined;

/**
 * Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space.
 * ASCII is decided without the pattern, and the pattern is made on the first other rune:
 * JavaScriptCore builds its Unicode property classes when the literal is evaluated, about
 * 0.5 ms, which every exec that loads this module paid at import (issue 22).
 */
function isPrintable(rune: number): boolean {
  if (rune < 0x80) return rune >= 0x20 && rune < 0x7f;
  printable ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
  return printable.test(String.fromCodePoint(rune));
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** Decodes one UTF-8 sequence at `i`: the code point and its length, or undefined if invalid. */
function decodeRune(bytes: Uint8Array, i: number): { rune: number; size: number } | undefined {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return { rune: b0, size: 1 };
  let size: number;
  let rune: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) [size, rune, min] = [2, b0 & 0x1f, 0x80];
  else if (b0 >= 0xe0 && b0 <= 0xef) [size, rune, min] = [3, b0 & 0x0f, 0x800];
  else if (b0 >= 0xf0 && b0 <= 0xf4) [size, rune, min] = [4, b0 & 0x07, 0x10000];
  else return undefined;
  if (i + size > bytes.length) return undefined;
  for (let k = 1; k < size; k++) {
    const b = bytes[i + k] ?? 0;
    if ((b & 0xc0) !== 0x80) return undefined;
    rune = (rune << 6) | (b & 0x3f);
  }
  if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return undefined;
  return { rune, size };
}

/** `%q` of the bytes `input` (a string is taken as its UTF-8 encoding). */
export function goQuote(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const decoded = decodeRune(bytes, i);
    if (!decoded) {
      out += `\\x${hex(bytes[i] ?? 0, 2)}`;
      i++;
      continue;
    }
    const { rune, size } = decoded;
    i += size;
    const simple = SIMPLE.get(rune);
    if (simple !== undefined) out += simple;
    else if (isPrintable(rune)) out += String.fromCodePoint(rune);
    else if (rune < 0x80) out += `\\x${hex(rune, 2)}`;
    else if (rune < 0x10000) out += `\\u${hex(rune, 4)}`;
    else out += `\\U${hex(rune, 8)}`;
  }
  return `${out}"`;
}

/** Go's `%s` of a []string: `[a b c]`. */
export function goStringList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}
