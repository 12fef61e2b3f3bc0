// Go's `quoteChar` from encoding/json's scanner: how Go names the offending byte in a SyntaxError.

/**
 * The first byte of the UTF-8 encoding of `codePoint`; a lone surrogate counts as U+FFFD, which is
 * what it becomes when the text is encoded to UTF-8 (TextEncoder) before Go sees it.
 */
function firstUtf8Byte(codePoint: number): number {
  if (codePoint < 0x80) return codePoint;
  if (codePoint < 0x800) return 0xc0 | (codePoint >> 6);
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 0xef;
  if (codePoint < 0x10000) return 0xe0 | (codePoint >> 12);
  return 0xf0 | (codePoint >> 18);
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/** strconv.IsPrint restricted to U+0000..U+00FF. */
function isPrintLatin1(r: number): boolean {
  return (r >= 0x20 && r <= 0x7e) || (r >= 0xa1 && r <= 0xff && r !== 0xad);
}

/**
 * Formats the character at a syntax error the way Go's encoding/json does: Go works on bytes, so
 * it quotes the first UTF-8 byte of the character as if it were the rune U+00XX (a BOM therefore
 * shows as 'ï', as in Go's famous "invalid character 'ï' looking for beginning of value").
 */
export function goQuoteChar(codePoint: number): string {
  const b = firstUtf8Byte(codePoint);
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return `'"'`;
  if (b === 0x5c) return "'\\\\'";
  if (isPrintLatin1(b)) return `'${String.fromCharCode(b)}'`;
  const short = SHORT_ESCAPES[b];
  if (short !== undefined) return `'${short}'`;
  const hex = b.toString(16).padStart(2, '0');
  return b < 0x20 || b === 0x7f ? `'\\x${hex}'` : `'\\u00${hex}'`;
}
