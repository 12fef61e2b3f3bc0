import { describe, expect, test } from 'bun:test';
import { prng, randomJson } from './_random-json.ts';
import { decodeJson, isJsonDecodeError, JsonDecodeError } from './decode-json.ts';

function caught(text: string): JsonDecodeError {
  try {
    decodeJson(text);
  } catch (e) {
    if (e instanceof JsonDecodeError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

/** Serialises with key order visible, so order differences fail comparisons. */
function ordered(value: unknown): string {
  return JSON.stringify(value);
}

describe('decodeJson', () => {
  test('returns scalars, arrays and objects when the input is valid', () => {
    expect(decodeJson('null')).toBeNull();
    expect(decodeJson('true')).toBe(true);
    expect(decodeJson(' false ')).toBe(false);
    expect(decodeJson('"x"')).toBe('x');
    expect(decodeJson('\t\r\n 12.5e1 \n')).toBe(125);
    expect(decodeJson('[]')).toEqual([]);
    expect(decodeJson('{}')).toEqual({});
    expect(decodeJson('{"a":[1,{"b":null}],"c":"d"}')).toEqual({ a: [1, { b: null }], c: 'd' });
  });

  test.each([
    ['', 'unexpected end of JSON input', 0],
    ['  \n', 'unexpected end of JSON input', 3],
    ['[', 'unexpected end of JSON input', 1],
    ['[1,', 'unexpected end of JSON input', 3],
    ['{', 'unexpected end of JSON input', 1],
    ['{"a"', 'unexpected end of JSON input', 4],
    ['{"a":', 'unexpected end of JSON input', 5],
    ['{"a":1', 'unexpected end of JSON input', 6],
    ['"abc', 'unexpected end of JSON input', 4],
    ['x', "invalid character 'x' looking for beginning of value", 0],
    ['[1,]', "invalid character ']' looking for beginning of value", 3],
    ['+1', "invalid character '+' looking for beginning of value", 0],
    ['.5', "invalid character '.' looking for beginning of value", 0],
    ['NaN', "invalid character 'N' looking for beginning of value", 0],
    ['Infinity', "invalid character 'I' looking for beginning of value", 0],
    ["'a'", "invalid character '\\'' looking for beginning of value", 0],
    ['\\', "invalid character '\\\\' looking for beginning of value", 0],
    ['/* c */ 1', "invalid character '/' looking for beginning of value", 0],
    ['{"a" 1}', "invalid character '1' after object key", 5],
    ['{"a"}', "invalid character '}' after object key", 4],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair", 7],
    ['{"a":1]', "invalid character ']' after object key:value pair", 6],
    ['[1 2]', "invalid character '2' after array element", 3],
    ['[1}', "invalid character '}' after array element", 2],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string", 1],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string", 7],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string", 1],
    ['"a\tb"', "invalid character '\\t' in string literal", 2],
    ['"a\nb"', "invalid character '\\n' in string literal", 2],
    ['"\\x"', "invalid character 'x' in string escape code", 2],
    ['"\\\'"', "invalid character '\\'' in string escape code", 2],
    ['"\\', "invalid character ' ' in string escape code", 2],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape", 5],
    ['"\\u00"', "invalid character '\"' in \\u hexadecimal character escape", 5],
    ['"\\u12', "invalid character ' ' in \\u hexadecimal character escape", 5],
    ['1 2', "invalid character '2' after top-level value", 2],
    ['{}}', "invalid character '}' after top-level value", 2],
    ['[] x', "invalid character 'x' after top-level value", 3],
    ['01', "invalid character '1' after top-level value", 1],
    ['trux', "invalid character 'x' in literal true (expecting 'e')", 3],
    ['tRue', "invalid character 'R' in literal true (expecting 'r')", 1],
    ['tr', "invalid character ' ' in literal true (expecting 'u')", 2],
    ['fals', "invalid character ' ' in literal false (expecting 'e')", 4],
    ['fAlse', "invalid character 'A' in literal false (expecting 'a')", 1],
    ['nil', "invalid character 'i' in literal null (expecting 'u')", 1],
    ['nulL', "invalid character 'L' in literal null (expecting 'l')", 3],
    ['-', "invalid character ' ' in numeric literal", 1],
    ['-a', "invalid character 'a' in numeric literal", 1],
    ['[-]', "invalid character ']' in numeric literal", 2],
    ['1.', "invalid character ' ' after decimal point in numeric literal", 2],
    ['1.e5', "invalid character 'e' after decimal point in numeric literal", 2],
    ['1e', "invalid character ' ' in exponent of numeric literal", 2],
    ['1e+', "invalid character ' ' in exponent of numeric literal", 3],
    ['1ex', "invalid character 'x' in exponent of numeric literal", 2],
    ['1e+-1', "invalid character '-' in exponent of numeric literal", 3],
  ])('throws Go message when input is %j', (text, message, offset) => {
    const e = caught(text);
    expect(e.message).toBe(message);
    expect(e.offset).toBe(offset);
  });

  test('quotes non-ASCII characters by their first UTF-8 byte when they are misplaced (as Go)', () => {
    expect(caught('\ufeff{}').message).toBe("invalid character 'ï' looking for beginning of value");
    expect(caught('é').message).toBe("invalid character 'Ã' looking for beginning of value");
    expect(caught('[1 😀]').message).toBe("invalid character 'ð' after array element");
    expect(caught('1\ud800').message).toBe("invalid character 'ï' after top-level value");
    expect(caught('\u00a0 1').message).toBe("invalid character 'Â' looking for beginning of value");
  });

  test('quotes control characters like Go strconv.Quote when they appear raw in a string', () => {
    const expected: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n' };
    Object.assign(expected, { 11: '\\v', 12: '\\f', 13: '\\r' });
    for (let c = 0; c < 0x20; c++) {
      const quoted = expected[c] ?? `\\x${c.toString(16).padStart(2, '0')}`;
      const e = caught(`"ab${String.fromCharCode(c)}"`);
      expect(e.message).toBe(`invalid character '${quoted}' in string literal`);
      expect(e.offset).toBe(3);
    }
    expect(caught('\x00').message).toBe("invalid character '\\x00' looking for beginning of value");
    expect(caught('\x7f').message).toBe("invalid character '\\x7f' looking for beginning of value");
  });

  test('accepts DEL, non-ASCII and escaped control characters when inside a string', () => {
    expect(decodeJson('"\x7f é 😀"')).toBe('\x7f é 😀');
    expect(decodeJson('"\\u0000\\u001f\\b\\f\\n\\r\\t\\"\\\\\\/"')).toBe('\0\x1f\b\f\n\r\t"\\/');
    expect(decodeJson('"\\u00E9\\u00e9"')).toBe('éé');
  });

  test('reports 1-based line and column when the error is on a later line', () => {
    const e = caught('{\n  "a": 1,\n  "b": tru\n}');
    expect(e.message).toBe("invalid character '\\n' in literal true (expecting 'e')");
    expect([e.offset, e.line, e.column]).toEqual([22, 3, 11]);
    const end = caught('[\n1,\n');
    expect([end.message, end.offset, end.line, end.column]).toEqual([
      'unexpected end of JSON input',
      5,
      3,
      1,
    ]);
    const first = caught('x');
    expect([first.line, first.column]).toEqual([1, 1]);
  });

  test('rejects every character but space, tab, LF and CR when used as whitespace', () => {
    for (const ws of [' ', '\t', '\n', '\r'])
      expect(decodeJson(`${ws}[${ws}1${ws}]${ws}`)).toEqual([1]);
    for (const ws of ['\v', '\f', '\u00a0', '\u2028', '\ufeff']) {
      expect(() => decodeJson(`[${ws}1]`)).toThrow(JsonDecodeError);
      expect(() => decodeJson(`1${ws}`)).toThrow(JsonDecodeError);
    }
  });

  test('keeps the last value at the last position when keys are duplicated', () => {
    const exact = decodeJson('{"a":1,"b":2,"a":3}') as Record<string, unknown>;
    expect(Object.keys(exact)).toEqual(['b', 'a']);
    expect(exact.a).toBe(3);
    const cased = decodeJson('{"ipam":1,"IPAM":2,"ipam":3}') as Record<string, unknown>;
    expect(Object.keys(cased)).toEqual(['IPAM', 'ipam']);
    expect(cased.ipam).toBe(3);
    expect(cased.IPAM).toBe(2);
    const nested = decodeJson('{"x":{"a":1},"x":[2]}') as Record<string, unknown>;
    expect(nested).toEqual({ x: [2] });
  });

  test('defines __proto__ as an own data property when it is an object key', () => {
    const obj = decodeJson('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.keys(obj)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(obj, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const twice = decodeJson('{"__proto__":1,"__proto__":2}') as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(twice, '__proto__')?.value).toBe(2);
    expect(ordered(decodeJson('{"__proto__":[1]}'))).toBe(ordered(JSON.parse('{"__proto__":[1]}')));
  });

  test('decodes surrogate escapes like Go when they are paired or lone', () => {
    expect(decodeJson('"\\ud83d\\ude00"')).toBe('😀');
    expect(decodeJson('"\\ud83d"')).toBe('\ufffd');
    expect(decodeJson('"\\ude00"')).toBe('\ufffd');
    expect(decodeJson('"\\ud83dx"')).toBe('\ufffdx');
    expect(decodeJson('"\\ud83d\\u0041"')).toBe('\ufffdA');
    expect(decodeJson('"\\ud83d\\ud83d\\ude00"')).toBe('\ufffd😀');
    expect(decodeJson('"\\ude00\\ud83d"')).toBe('\ufffd\ufffd');
    expect(decodeJson('"\\ud83d\\n"')).toBe('\ufffd\n');
  });

  test('replaces raw lone surrogates with U+FFFD when they appear in a string', () => {
    expect(decodeJson('"a\ud800b"')).toBe('a\ufffdb');
    expect(decodeJson('"\udc00"')).toBe('\ufffd');
    expect(decodeJson('"\ud83d\ude00"')).toBe('😀');
    expect(decodeJson('{"k\ud800":1}')).toEqual({ 'k\ufffd': 1 });
  });

  test('accepts exactly the JSON number grammar when parsing numbers', () => {
    const valid = ['0', '-0', '1', '-1', '10', '0.5', '-0.5', '1e5', '1E5', '1e+5', '1e-5'];
    valid.push('1.25e-3', '123456789012345678901234567890', '1e400', '-1e400', '5e-324');
    for (const text of valid) {
      expect(Object.is(decodeJson(text), Number(text))).toBe(true);
      expect(decodeJson(`[${text}]`)).toEqual([Number(text)]);
    }
    expect(Object.is(decodeJson('-0'), -0)).toBe(true);
    for (const text of [
      '00',
      '-01',
      '1.',
      '.1',
      '1e',
      '+1',
      '0x10',
      '1_000',
      '1.2.3',
      '--1',
      '-',
    ]) {
      expect(() => decodeJson(text)).toThrow(JsonDecodeError);
    }
  });

  test('parses nesting up to 10000 levels when within the limit', () => {
    let value = decodeJson(`${'['.repeat(10000)}${']'.repeat(10000)}`);
    let depth = 0;
    while (Array.isArray(value)) {
      depth++;
      value = value[0];
    }
    expect(depth).toBe(10000);
    expect(() => decodeJson(`${'{"a":'.repeat(9999)}{}${'}'.repeat(9999)}`)).not.toThrow();
  });

  test('throws JsonDecodeError instead of overflowing when nesting exceeds 10000', () => {
    const arrays = caught(`${'['.repeat(10001)}${']'.repeat(10001)}`);
    expect(arrays.message).toBe("invalid character '[' exceeded max depth");
    expect(arrays.offset).toBe(10000);
    const objects = caught(`${'{"a":'.repeat(10000)}{}${'}'.repeat(10000)}`);
    expect(objects.message).toBe("invalid character '{' exceeded max depth");
    expect(objects.offset).toBe(50000);
    expect(caught('['.repeat(200000)).message).toBe("invalid character '[' exceeded max depth");
  });

  const corpus = [
    'null',
    '0',
    '-12.5e-3',
    '"plain"',
    '""',
    '[]',
    '{}',
    '[[]]',
    '[{}]',
    '{"a":{}}',
    '  [ 1 , 2 , 3 ]  ',
    '{"cniVersion":"1.0.0","name":"net","plugins":[{"type":"bridge","bridge":"cni0"}]}',
    '{"ipam":{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/16"}]],"routes":[]}}',
    '{"a":true,"b":false,"c":null,"d":[true,false,null]}',
    '"\\u0041\\u00e9\\u4e2d\\ud83d\\ude00"',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
    '"tab\\tand\\u0000nul"',
    '"\u00e9\u4e2d\ud83d\ude00\x7f"',
    '[1e308,1e-308,5e-324,1.7976931348623157e308,9007199254740993]',
    '[0.1,0.2,0.30000000000000004,-0,1E2,1e+2,1E-2]',
    '{"1":"one","b":"bee","0":"zero","a":"ay"}',
    '{"":"empty key","  ":"spaces"}',
    '{"__proto__":{"x":1},"constructor":"c","toString":"t"}',
    '{\n  "name": "multi",\n  "list": [\n    1,\n    2\n  ]\n}\r\n',
    '[[[[[[[[[[{"deep":[[[[["x"]]]]]}]]]]]]]]]]',
    '{"mac":"00:11:22:33:44:55","ips":["10.0.0.2/24","fd00::2/64"]}',
    '["<script>&amp;</script>","\u2028\u2029"]',
    '[-1,-0.0,-1.5e+10,123456789012345678901234567890]',
    '{"nested":{"a":{"b":{"c":{"d":[1,[2,[3,[4]]]]}}}}}',
    '\t{"k":"v"}\t',
  ];

  test('agrees with JSON.parse when the document is in the valid corpus', () => {
    for (const doc of corpus) expect(ordered(decodeJson(doc))).toBe(ordered(JSON.parse(doc)));
  });

  test('agrees with JSON.parse when documents are random (seeded property test)', () => {
    const rand = prng(0x5eed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const randomValue = randomJson(rand, {
      chars: ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\0', 'é', '中', '😀', '<', '&'],
      number: () => {
        const kind = rand();
        if (kind < 0.3) return Math.floor(rand() * 2000) - 1000;
        if (kind < 0.6) return (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
        return Number((rand() * 1e6).toFixed(Math.floor(rand() * 6)));
      },
    });
    const spaces = ['', '', ' ', '\n', '\t', '\r\n  '];
    for (let run = 0; run < 1500; run++) {
      const indent = pick([undefined, 1, 2, '\t']);
      const doc = `${pick(spaces)}${JSON.stringify(randomValue(), null, indent)}${pick(spaces)}`;
      expect(ordered(decodeJson(doc))).toBe(ordered(JSON.parse(doc)));
    }
  });

  test('gives the parser answer when a compact document takes the JSON.parse path', () => {
    // A compact text is JSON.parse'd; the same text with a leading space is not (its
    // stringified answer differs), so it goes through the parser: both must agree, key
    // order included, and so must texts with duplicate keys or escaped surrogates.
    const rand = prng(0xfa57);
    const randomValue = randomJson(rand, {
      chars: ['a', 'Z', '0', '"', '\\', '/', '\n', 'é', '😀', '\ud800', '<'],
      number: () => Math.floor(rand() * 2000) - 1000,
    });
    const docs = ['{"a":1,"b":2,"a":3}', '{"k":"\\ud800"}', '{"__proto__":{"a":1}}', '[-0]'];
    for (let run = 0; run < 1500; run++) docs.push(JSON.stringify(randomValue()));
    for (const doc of docs) {
      expect(ordered(decodeJson(doc))).toBe(ordered(decodeJson(` ${doc}`)));
    }
  });

  test('only ever throws JsonDecodeError and agrees on validity when input is garbage', () => {
    const rand = prng(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const tokens = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+', '.'];
    tokens.push('e', 'E', 't', 'true', 'false', 'null', ' ', '\n', '"a"', '\0', '\ud800', 'é', 'x');
    const seeds = [...corpus, '{"a":[1,2,{"b":"c\\u0041"}],"d":-1.5e3}'];
    let failures = 0;
    for (let run = 0; run < 4000; run++) {
      let doc: string;
      if (run % 2 === 0) {
        doc = '';
        for (let k = Math.floor(rand() * 12); k > 0; k--) doc += pick(tokens);
      } else {
        doc = pick(seeds);
        for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
          const at = Math.floor(rand() * (doc.length + 1));
          const cut = Math.floor(rand() * 3);
          doc = doc.slice(0, at) + (rand() < 0.7 ? pick(tokens) : '') + doc.slice(at + cut);
        }
      }
      let expectedValid = true;
      try {
        JSON.parse(doc);
      } catch {
        expectedValid = false;
      }
      try {
        decodeJson(doc);
        expect({ doc, valid: true }).toEqual({ doc, valid: expectedValid });
      } catch (e) {
        failures++;
        expect(isJsonDecodeError(e)).toBe(true);
        expect({ doc, valid: false }).toEqual({ doc, valid: expectedValid });
        const err = e as JsonDecodeError;
        expect(err.offset).toBeGreaterThanOrEqual(0);
        expect(err.offset).toBeLessThanOrEqual(doc.length);
      }
    }
    expect(failures).toBeGreaterThan(1000);
  });

  test('parses a config of over 100 KB when the input is large', () => {
    const config = {
      cniVersion: '1.0.0',
      name: 'big',
      plugins: Array.from({ length: 400 }, (_, k) => ({
        type: 'bridge',
        bridge: `cni${k}`,
        ipam: { type: 'host-local', ranges: [[{ subnet: `10.${k % 256}.0.0/16` }]], routes: [] },
        args: { labels: ['a', 'b', 'c\u00e9\\"'], mtu: 1500 + k, enabled: k % 2 === 0 },
      })),
    };
    const doc = JSON.stringify(config, null, 2);
    expect(doc.length).toBeGreaterThan(100_000);
    expect(decodeJson(doc)).toEqual(config);
  });
});

describe('isJsonDecodeError', () => {
  test('returns true when given a JsonDecodeError', () => {
    expect(isJsonDecodeError(caught('['))).toBe(true);
  });

  test('returns false when given anything else', () => {
    expect(isJsonDecodeError(new SyntaxError('x'))).toBe(false);
    expect(isJsonDecodeError({ message: 'x', offset: 0, line: 1, column: 1 })).toBe(false);
    expect(isJsonDecodeError(undefined)).toBe(false);
  });
});

describe('JsonDecodeError', () => {
  test('is a named Error with a position when thrown by decodeJson', () => {
    const e = caught('[1,\n  x]');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('JsonDecodeError');
    expect({ offset: e.offset, line: e.line, column: e.column }).toEqual({
      offset: 6,
      line: 2,
      column: 3,
    });
  });
});
