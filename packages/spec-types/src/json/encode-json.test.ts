import { describe, expect, test } from 'bun:test';
import { prng, randomJson } from './_random-json.ts';
import { decodeJson } from './decode-json.ts';
import { encodeJson } from './encode-json.ts';

/** JSON.stringify output turned into Go's: HTML-safe and U+2028/U+2029 escaped. */
function goStyle(json: string): string {
  return json
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

const conf = {
  cniVersion: '1.0.0',
  name: 'dbnet',
  plugins: [
    {
      type: 'bridge',
      bridge: 'cni0',
      isGateway: true,
      mtu: 1500,
      ipam: {
        type: 'host-local',
        ranges: [[{ subnet: '10.1.0.0/16', gateway: '10.1.0.1' }]],
        routes: [],
        dataDir: undefined,
      },
      dns: {},
    },
    { type: 'tuning', sysctl: { 'net.core.somaxconn': '500' }, capabilities: { mac: true } },
  ],
  disableCheck: false,
  args: null,
};

describe('encodeJson', () => {
  test('matches Go json.Marshal when indent is empty', () => {
    expect(encodeJson(conf)).toBe(
      '{"cniVersion":"1.0.0","name":"dbnet","plugins":[{"type":"bridge","bridge":"cni0",' +
        '"isGateway":true,"mtu":1500,"ipam":{"type":"host-local","ranges":[[{"subnet":' +
        '"10.1.0.0/16","gateway":"10.1.0.1"}]],"routes":[]},"dns":{}},{"type":"tuning",' +
        '"sysctl":{"net.core.somaxconn":"500"},"capabilities":{"mac":true}}],' +
        '"disableCheck":false,"args":null}',
    );
  });

  test('matches Go json.MarshalIndent when indent is four spaces', () => {
    expect(encodeJson(conf, '    ')).toBe(`{
    "cniVersion": "1.0.0",
    "name": "dbnet",
    "plugins": [
        {
            "type": "bridge",
            "bridge": "cni0",
            "isGateway": true,
            "mtu": 1500,
            "ipam": {
                "type": "host-local",
                "ranges": [
                    [
                        {
                            "subnet": "10.1.0.0/16",
                            "gateway": "10.1.0.1"
                        }
                    ]
                ],
                "routes": []
            },
            "dns": {}
        },
        {
            "type": "tuning",
            "sysctl": {
                "net.core.somaxconn": "500"
            },
            "capabilities": {
                "mac": true
            }
        }
    ],
    "disableCheck": false,
    "args": null
}`);
  });

  test('uses the given indent string when it is a tab', () => {
    expect(encodeJson({ a: [1, 2] }, '\t')).toBe('{\n\t"a": [\n\t\t1,\n\t\t2\n\t]\n}');
  });

  test('writes scalars without a trailing newline when given top-level scalars', () => {
    expect(encodeJson(null)).toBe('null');
    expect(encodeJson(true, '  ')).toBe('true');
    expect(encodeJson('s', '  ')).toBe('"s"');
    expect(encodeJson(42)).toBe('42');
  });

  test('keeps empty arrays and objects compact when nested and indenting', () => {
    const nested = { a: [], b: {}, c: [[], {}, [[]]], d: { e: {} } };
    expect(encodeJson(nested)).toBe('{"a":[],"b":{},"c":[[],{},[[]]],"d":{"e":{}}}');
    expect(encodeJson(nested, '  ')).toBe(
      '{\n  "a": [],\n  "b": {},\n  "c": [\n    [],\n    {},\n    [\n      []\n    ]\n  ],\n' +
        '  "d": {\n    "e": {}\n  }\n}',
    );
    expect(encodeJson([], '  ')).toBe('[]');
    expect(encodeJson({}, '  ')).toBe('{}');
  });

  test('skips properties when their value is undefined', () => {
    expect(encodeJson({ a: undefined, b: 1, c: undefined })).toBe('{"b":1}');
    expect(encodeJson({ a: undefined }, '  ')).toBe('{}');
    expect(encodeJson({ x: { y: undefined } }, '  ')).toBe('{\n  "x": {}\n}');
  });

  test('escapes HTML characters and line separators when they appear in strings', () => {
    expect(encodeJson('<a href="x">&</a>')).toBe(
      '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"',
    );
    expect(encodeJson('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
    expect(encodeJson({ '<k>': '&' })).toBe('{"\\u003ck\\u003e":"\\u0026"}');
  });

  test('escapes control characters like Go when they appear in strings', () => {
    const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
    for (let c = 0; c < 0x20; c++) {
      const expected = short[c] ?? `\\u00${c.toString(16).padStart(2, '0')}`;
      expect(encodeJson(`x${String.fromCharCode(c)}y`)).toBe(`"x${expected}y"`);
    }
    expect(encodeJson('\x1b[0m')).toBe('"\\u001b[0m"');
    expect(encodeJson('"\\/')).toBe('"\\"\\\\/"');
    expect(encodeJson('\x7f\u0080\u00a0é中😀\ufffd')).toBe('"\x7f\u0080\u00a0é中😀\ufffd"');
  });

  test('writes U+FFFD when a string has lone surrogates', () => {
    expect(encodeJson('a\ud800b')).toBe('"a\ufffdb"');
    expect(encodeJson('\udc00')).toBe('"\ufffd"');
    expect(encodeJson('\ude00\ud83d')).toBe('"\ufffd\ufffd"');
    expect(encodeJson('x\ud83d')).toBe('"x\ufffd"');
    expect(encodeJson('\ud83d\ude00')).toBe('"😀"');
    expect(encodeJson({ '\ud800': 1 })).toBe('{"\ufffd":1}');
  });

  test('formats numbers like Go float64 when they are finite', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [1, '1'],
      [-1.5, '-1.5'],
      [0.1, '0.1'],
      [1e-6, '0.000001'],
      [1e-7, '1e-7'],
      [1.5e-10, '1.5e-10'],
      [1e20, '100000000000000000000'],
      [1e21, '1e+21'],
      [123456789012345680000, '123456789012345680000'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [5e-324, '5e-324'],
      [2 ** 53 + 2, '9007199254740994'],
    ];
    for (const [value, text] of cases) expect(encodeJson(value)).toBe(text);
  });

  test('throws TypeError when the value is not plain JSON data', () => {
    const bad: [unknown, string][] = [
      [Number.NaN, 'encodeJson: unsupported value NaN at $'],
      [{ a: [Number.POSITIVE_INFINITY] }, 'encodeJson: unsupported value Infinity at $.a[0]'],
      [{ 'a b': -Infinity }, 'encodeJson: unsupported value -Infinity at $["a b"]'],
      [1n, 'encodeJson: unsupported value of type bigint at $'],
      [{ f: () => 1 }, 'encodeJson: unsupported value of type function at $.f'],
      [[Symbol('s')], 'encodeJson: unsupported value of type symbol at $[0]'],
      [undefined, 'encodeJson: unsupported value of type undefined at $'],
      [[1, undefined], 'encodeJson: unsupported value of type undefined at $[1]'],
      [{ d: new Date(0) }, 'encodeJson: unsupported value of type Date at $.d'],
      [new Map(), 'encodeJson: unsupported value of type Map at $'],
    ];
    for (const [value, message] of bad) {
      expect(() => encodeJson(value)).toThrow(TypeError);
      expect(() => encodeJson(value)).toThrow(message);
    }
  });

  test('throws TypeError when the structure is cyclic', () => {
    const cyclic: Record<string, unknown> = { a: [] };
    (cyclic.a as unknown[]).push(cyclic);
    expect(() => encodeJson(cyclic)).toThrow('encodeJson: unsupported cyclic structure at $.a[0]');
    const shared = { x: 1 };
    expect(encodeJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  test('accepts null-prototype objects and decoded objects when encoding', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 'v';
    expect(encodeJson(bare)).toBe('{"k":"v"}');
    const decoded = decodeJson('{"__proto__":1,"ipam":1,"IPAM":2,"ipam":3}');
    expect(encodeJson(decoded)).toBe('{"__proto__":1,"IPAM":2,"ipam":3}');
  });

  test('agrees with Go-escaped JSON.stringify when values are random (seeded property test)', () => {
    const rand = prng(0xc0ffee);
    const chars = ['a', 'Z', '9', ' ', '"', '\\', '/', '\n', '\b', '\f', '\x01', '\x1f', '\x7f'];
    chars.push('<', '>', '&', 'é', '中', '😀', '\u2028', '\u2029', '\ufffd');
    const randomValue = randomJson(rand, {
      chars,
      number: () =>
        rand() < 0.5
          ? Math.floor(rand() * 2e6) - 1e6
          : (rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30) || 1,
    });
    for (let run = 0; run < 1500; run++) {
      const value = randomValue();
      const compact = encodeJson(value);
      expect(compact).toBe(goStyle(JSON.stringify(value)));
      expect(encodeJson(value, '  ')).toBe(goStyle(JSON.stringify(value, null, 2)));
      expect(decodeJson(compact)).toEqual(value);
    }
  });
});
