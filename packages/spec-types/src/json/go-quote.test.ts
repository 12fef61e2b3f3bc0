import { describe, expect, test } from 'bun:test';
import { goQuote, goStringList } from './go-quote.ts';

describe('goQuote', () => {
  test('quotes as strconv.Quote: escapes, printable Unicode kept, the rest as \\x/\\u', () => {
    expect(goQuote('a "b"\\\n\t')).toBe('"a \\"b\\"\\\\\\n\\t"');
    expect(goQuote('é<>&\u2028\u00ad\x7f\x00')).toBe('"é<>&\\u2028\\u00ad\\x7f\\x00"');
    expect(goQuote('\u{1F600}\u{E0001}')).toBe('"\u{1F600}\\U000e0001"');
  });

  test('keeps exactly the ASCII that unicode.IsPrint keeps (the fast path agrees with the classes)', () => {
    const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
    for (let code = 0; code < 0x80; code++) {
      const char = String.fromCharCode(code);
      if (char === '"' || char === '\\') continue;
      const kept = goQuote(char) === `"${char}"`;
      expect({ code, kept }).toEqual({ code, kept: printable.test(char) });
    }
  });

  test('prints invalid UTF-8 bytes as \\x', () => {
    expect(goQuote(new Uint8Array([0x61, 0xff, 0xc3]))).toBe('"a\\xff\\xc3"');
  });
});

describe('goStringList', () => {
  test('prints like %s of a []string', () => {
    expect(goStringList(['/a', '/b'])).toBe('[/a /b]');
    expect(goStringList([])).toBe('[]');
  });
});
