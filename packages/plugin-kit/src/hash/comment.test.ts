import { describe, expect, test } from 'bun:test';
import { goQuote } from '@cni-ts/spec-types';
import { goUnquote } from './_go-unquote.ts';
import { formatComment, parseComment } from './comment.ts';

describe('formatComment', () => {
  test('gives the comment recorded from the Go plugins (§6.4)', () => {
    expect(formatComment('pur-brnet', 'cid-br1')).toBe('name: "pur-brnet" id: "cid-br1"');
  });

  test("quotes like Go's %q", () => {
    expect(formatComment('a"b', 'c\\d')).toBe('name: "a\\"b" id: "c\\\\d"');
    expect(formatComment('tab\there', 'nl\n')).toBe('name: "tab\\there" id: "nl\\n"');
    expect(formatComment('\u0001', 'ünï')).toBe('name: "\\x01" id: "ünï"');
  });
});

describe('parseComment', () => {
  test('reads back what formatComment writes', () => {
    for (const [name, id] of [
      ['pur-brnet', 'cid-br1'],
      ['a"b', 'c\\d'],
      ['tab\t', '\u0001\u007f'],
      ['ünï', 'x'],
    ] as const) {
      expect(parseComment(formatComment(name, id))).toEqual({ name, id });
    }
  });

  test('refuses other comments', () => {
    expect(parseComment('CNI portfwd masquerade mark')).toBeUndefined();
    expect(parseComment('dnat name: "pur-chain" id: "cid-chain1"')).toBeUndefined();
    expect(parseComment('name: "a" id: "b" extra')).toBeUndefined();
    expect(parseComment('name: "a\\q" id: "b"')).toBeUndefined();
  });
});

describe('goQuote / goUnquote', () => {
  test('round-trip any text made of valid code points', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = next() % 12;
      for (let i = 0; i < length; i++) {
        const pick = next() % 4;
        const codePoint =
          pick === 0 ? next() % 0x80 : pick === 1 ? next() % 0xd800 : 0x10000 + (next() % 0xfffff);
        text += String.fromCodePoint(codePoint);
      }
      expect(goUnquote(goQuote(text))).toBe(text);
    }
  });

  test('unquote refuses malformed literals', () => {
    for (const bad of ['', '"', 'abc', '"a"b"', '"\\z"', '"\\x4"', '"\\u12"', '"\\777x"']) {
      expect(goUnquote(bad)).toBeUndefined();
    }
    expect(goUnquote('"\\101\\x41\\u0041\\U00000041"')).toBe('AAAA');
  });
});
