// The inverse of Go's strconv.Quote (`goQuote` in @cni-ts/spec-types), for reading back the
// comments the firewall backends write.

const CHAR_OF: ReadonlyMap<string, string> = new Map([
  ['a', '\u0007'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
  ['"', '"'],
  ['\\', '\\'],
]);

const HEX_WIDTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The string a Go-quoted literal stands for, or undefined when `quoted` is not one (no
 * surrounding quotes, an unknown escape, a bare `"` inside). Octal escapes and \x bytes
 * above 0x7f are taken as code points, which is exact for the ASCII that goQuote emits.
 */
export function goUnquote(quoted: string): string | undefined {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (char === '"') return undefined;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const letter = body.charAt(i + 1);
    const simple = CHAR_OF.get(letter);
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    const width = HEX_WIDTH[letter];
    const digits =
      width === undefined ? body.slice(i + 1, i + 4) : body.slice(i + 2, i + 2 + width);
    const valid = width === undefined ? /^[0-7]{3}$/ : /^[0-9a-fA-F]+$/;
    if (!valid.test(digits) || (width !== undefined && digits.length !== width)) return undefined;
    const codePoint = Number.parseInt(digits, width === undefined ? 8 : 16);
    if (codePoint > (width === undefined ? 0o377 : 0x10ffff)) return undefined;
    out += String.fromCodePoint(codePoint);
    i += width === undefined ? 3 : 1 + width;
  }
  return out;
}
