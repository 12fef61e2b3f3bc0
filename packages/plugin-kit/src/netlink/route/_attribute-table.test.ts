import { describe, expect, test } from 'bun:test';
import { AF, NLA_F } from '../codec/constants.ts';
import { isDecodeError } from '../codec/decode-error.ts';
import {
  type AttributeTable,
  decodeTypedAttributes,
  definedOnly,
  encodeTypedAttributes,
  formatMac,
  lastOf,
  parseMac,
  type UnknownAttribute,
  values,
} from './_attribute-table.ts';
import { toHex } from './_golden.ts';

type Demo =
  | { readonly kind: 'DEMO_IP'; readonly value: string }
  | { readonly kind: 'DEMO_PORT'; readonly value: number }
  | { readonly kind: 'DEMO_NAME'; readonly value: string }
  | UnknownAttribute;

const TABLE: AttributeTable<Demo> = {
  DEMO_IP: { type: 1, codec: values.ip },
  DEMO_PORT: { type: 2, codec: values.u16be },
  DEMO_NAME: { type: 3, codec: values.string },
};

const context = { family: AF.INET };

describe('typed attribute lists', () => {
  test('encode in list order with each row’s byte order, and decode back', () => {
    const list: Demo[] = [
      { kind: 'DEMO_PORT', value: 80 },
      { kind: 'DEMO_IP', value: '10.0.0.1' },
      { kind: 'DEMO_NAME', value: 'eth0' },
    ];
    const bytes = encodeTypedAttributes(TABLE, list, context);
    expect(toHex(bytes)).toBe(
      '060002000050000008000100' + '0a000001' + '0900030065746830' + '00000000',
    );
    expect(decodeTypedAttributes(TABLE, bytes, context, ['DEMO'])).toEqual(list);
  });

  test('keep unknown attributes, flags included, and write them back unchanged', () => {
    const bytes = Uint8Array.of(8, 0, 0x09, 0x80, 1, 2, 3, 4);
    const [unknown] = decodeTypedAttributes(TABLE, bytes, context, []);
    expect(unknown).toEqual({
      kind: 'unknown',
      type: 9,
      flags: 0x8000,
      value: Uint8Array.of(1, 2, 3, 4),
    });
    expect(encodeTypedAttributes(TABLE, unknown ? [unknown] : [], context)).toEqual(bytes);
  });

  test('known entries drop NLA_F_* bits unless the context keeps them', () => {
    type Flagged =
      | { readonly kind: 'DEMO_PORT'; readonly value: number; readonly flags?: number }
      | { readonly kind: 'DEMO_NEST'; readonly value: number; readonly flags?: number }
      | UnknownAttribute;
    const flagged: AttributeTable<Flagged> = {
      DEMO_PORT: { type: 2, codec: values.u16be },
      DEMO_NEST: { type: 4, codec: values.u16be, flags: NLA_F.NESTED },
    };
    const keep = { family: AF.UNSPEC, keepFlags: true };
    const list: Flagged[] = [
      { kind: 'DEMO_NEST', value: 1 },
      { kind: 'DEMO_NEST', value: 2, flags: 0 },
      { kind: 'DEMO_PORT', value: 3, flags: NLA_F.NET_BYTEORDER },
    ];
    const bytes = encodeTypedAttributes(flagged, list, keep);
    expect(toHex(bytes)).toBe('0600048000010000' + '0600040000020000' + '0600024000030000');
    expect(decodeTypedAttributes(flagged, bytes, keep, [])).toEqual(list);
    // Without keepFlags the bits are neither written nor kept.
    const plain = { family: AF.UNSPEC };
    expect(toHex(encodeTypedAttributes(flagged, list, plain))).toBe(
      '0600040000010000' + '0600040000020000' + '0600020000030000',
    );
    expect(decodeTypedAttributes(flagged, bytes, plain, [])).toEqual([
      { kind: 'DEMO_NEST', value: 1 },
      { kind: 'DEMO_NEST', value: 2 },
      { kind: 'DEMO_PORT', value: 3 },
    ]);
  });

  test('a short value throws DecodeError with the attribute name in the path', () => {
    const bytes = Uint8Array.of(5, 0, 2, 0, 1, 0, 0, 0);
    let caught: unknown;
    try {
      decodeTypedAttributes(TABLE, bytes, context, ['DEMO']);
    } catch (error) {
      caught = error;
    }
    expect(isDecodeError(caught) && caught.path).toEqual(['DEMO', 'DEMO_PORT']);
  });

  test('lastOf returns the last occurrence, as the kernel keeps it', () => {
    const list: Demo[] = [
      { kind: 'DEMO_PORT', value: 1 },
      { kind: 'DEMO_PORT', value: 2 },
    ];
    expect(lastOf(list, 'DEMO_PORT')).toBe(2);
    expect(lastOf(list, 'DEMO_NAME')).toBeUndefined();
  });

  test('integer codecs reject values out of range', () => {
    expect(() => values.u8.encode(256)).toThrow(TypeError);
    expect(() => values.u32.encode(-1)).toThrow(TypeError);
    expect(() => values.u16.encode(1.5)).toThrow(TypeError);
  });
});

describe('MAC text', () => {
  test('formats lowercase and parses any case', () => {
    expect(formatMac(Uint8Array.of(0x02, 0xab, 0, 0, 0, 0x0f))).toBe('02:ab:00:00:00:0f');
    expect(parseMac('02:AB:00:00:00:0F')).toEqual(Uint8Array.of(0x02, 0xab, 0, 0, 0, 0x0f));
    expect(parseMac('')).toEqual(new Uint8Array(0));
    expect(() => parseMac('2:ab')).toThrow(TypeError);
  });
});

describe('definedOnly', () => {
  test('drops undefined properties only', () => {
    expect(definedOnly({ a: 1, b: undefined, c: 0, d: '' })).toEqual({ a: 1, c: 0, d: '' });
  });
});
