// Go's %q for strings (strconv.Quote), for the texts upstream builds with it.

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0');
}

/**
 * Quotes `text` as Go's `%q` does: printable runes as they are, `"` and `\` and the
 * usual control characters with short escapes, anything else as \xHH, \uHHHH or \UHHHHHHHH.
 * A lone surrogate (invalid UTF-8 once encoded) shows as U+FFFD, as Go's decoder makes it.
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (codePoint >= 0xd800 && codePoint <= 0xdfff) out += '\ufffd';
    else if (PRINTABLE.test(char)) out += char;
    else if (codePoint < 0x80) out += `\\x${hex(codePoint, 2)}`;
    else if (codePoint < 0x10000) out += `\\u${hex(codePoint, 4)}`;
    else out += `\\U${hex(codePoint, 8)}`;
  }
  return `${out}"`;
}
