import { describe, expect, test } from 'bun:test';
import { concatBytes, nla } from '../../codec/attributes.ts';
import { RTM } from '../../codec/constants.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { IFLA, IFLA_INFO, IFLA_VXLAN } from './constants.ts';
import { decodeLinkMessage } from './decode.ts';
import { encodeLinkMessage } from './encode.ts';
import { encodeIfInfoMsg } from './ifinfomsg.ts';
import { formatMac, parseMac } from './mac.ts';

const message = (...attributes: Uint8Array[]) => ({
  type: RTM.NEWLINK,
  payload: concatBytes([encodeIfInfoMsg({ index: 7, flags: 1 }), ...attributes]),
});

describe('decodeLinkMessage', () => {
  test('keeps an unknown kind as text, without kindData, and re-encodes it unchanged', () => {
    const input = message(
      nla.string(IFLA.IFNAME, 'wg0'),
      nla.nested(IFLA.LINKINFO, [
        nla.string(IFLA_INFO.KIND, 'wireguard'),
        nla.nested(IFLA_INFO.DATA, [nla.u32(1, 5)]),
      ]),
      nla.u32(999, 42),
    );
    const link = decodeLinkMessage(input);
    expect(link).toMatchObject({ index: 7, name: 'wg0', kind: 'wireguard', flags: 1 });
    expect(link.kindData).toBeUndefined();
    expect(link.attributes.map((attribute) => attribute.type)).toEqual([
      IFLA.IFNAME,
      IFLA.LINKINFO,
      999,
    ]);
    expect(encodeLinkMessage(link)).toEqual(input.payload);
  });

  test('fills absent basics with 0, "" and "unknown"', () => {
    expect(decodeLinkMessage(message())).toMatchObject({
      name: '',
      mtu: 0,
      txqlen: 0,
      operstate: 'unknown',
    });
  });

  test('names the place of a malformed attribute in the DecodeError path', () => {
    const bad = message(
      nla.nested(IFLA.LINKINFO, [
        nla.string(IFLA_INFO.KIND, 'vxlan'),
        nla.nested(IFLA_INFO.DATA, [nla.u8(IFLA_VXLAN.ID, 1)]),
      ]),
    );
    try {
      decodeLinkMessage(bad);
      throw new Error('expected a DecodeError');
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).path).toEqual([
        'RTM_NEWLINK',
        'IFLA_LINKINFO',
        'IFLA_INFO_DATA',
        'IFLA_VXLAN_ID',
      ]);
    }
  });

  test('throws DecodeError on a payload shorter than struct ifinfomsg', () => {
    expect(() => decodeLinkMessage({ type: RTM.NEWLINK, payload: new Uint8Array(10) })).toThrow(
      DecodeError,
    );
  });

  test('rejects an IP attribute that is neither 4 nor 16 bytes', () => {
    const bad = message(
      nla.nested(IFLA.LINKINFO, [
        nla.string(IFLA_INFO.KIND, 'vxlan'),
        nla.nested(IFLA_INFO.DATA, [nla.bytes(IFLA_VXLAN.GROUP, new Uint8Array(5))]),
      ]),
    );
    expect(() => decodeLinkMessage(bad)).toThrow(DecodeError);
  });
});

describe('parseMac / formatMac', () => {
  test('round-trip lowercase colon form and accept dashes and upper case', () => {
    expect(formatMac(parseMac('02:AA:bb:00:01:FF'))).toBe('02:aa:bb:00:01:ff');
    expect(formatMac(parseMac('02-00-00-00-00-01'))).toBe('02:00:00:00:00:01');
  });
  test('throw TypeError on anything that is not a MAC', () => {
    for (const text of ['', '02', '0:0:0:0:0:0', 'zz:00:00:00:00:00', '02:00:00:00:00:001']) {
      expect(() => parseMac(text)).toThrow(TypeError);
    }
  });
});
