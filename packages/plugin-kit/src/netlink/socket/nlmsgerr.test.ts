import { describe, expect, test } from 'bun:test';
import { thrown } from '../../testing/thrown.ts';
import { NLM_F, NLMSG, NLMSGERR_ATTR, RTM } from '../codec/constants.ts';
import { isDecodeError } from '../codec/decode-error.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../codec/header.ts';
import { CAPTURED, fromHex } from './fixtures/captured-exchanges.ts';
import { createPrng } from './fixtures/prng.ts';
import {
  decodeDone,
  decodeExtack,
  decodeNlmsgerr,
  encodeDone,
  encodeExtack,
  encodeNlmsgerr,
  type Nlmsgerr,
} from './nlmsgerr.ts';

const text = new TextEncoder();

function only(datagram: string): NetlinkMessage {
  const [message, ...rest] = decodeMessages(fromHex(datagram));
  if (message === undefined || rest.length > 0) throw new Error('expected one message');
  return message;
}

function expectDecodeError(fn: () => unknown, text: string): void {
  const error = thrown(fn);
  expect(isDecodeError(error)).toBe(true);
  expect(String(error)).toContain(text);
}

function reencode(message: NetlinkMessage): Uint8Array {
  const encoded = encodeNlmsgerr(decodeNlmsgerr(message.payload, message.flags));
  return encodeMessage({ ...message, flags: encoded.flags, payload: encoded.payload });
}

const goldenErrors = {
  unknownKind: CAPTURED.unknownKind.replies[0],
  noSuchDevice: CAPTURED.noSuchDevice.replies[0],
  invalidGateway: CAPTURED.invalidGateway.replies[0],
  linkUp: CAPTURED.linkUp.replies[0],
} as const;

describe('decodeNlmsgerr', () => {
  test('decodes the kernel error with extended ack for an unknown link kind', () => {
    const message = only(CAPTURED.unknownKind.replies[0]);
    expect(message.type).toBe(NLMSG.ERROR);
    expect(message.flags).toBe(NLM_F.ACK_TLVS);
    const decoded = decodeNlmsgerr(message.payload, message.flags);
    expect(decoded.error).toBe(-95);
    expect(decoded.capped).toBe(false);
    expect(decoded.request).toEqual({
      length: 60,
      type: RTM.NEWLINK,
      flags: NLM_F.REQUEST | NLM_F.ACK | NLM_F.EXCL | NLM_F.CREATE,
      seq: 0x6b03b88f,
      pid: 0,
    });
    // The whole request is echoed: its payload is the request's payload.
    expect(decoded.requestPayload).toEqual(fromHex(CAPTURED.unknownKind.request).subarray(16));
    expect(decoded.attributes).toEqual([
      { type: NLMSGERR_ATTR.MSG, flags: 0, value: text.encode('Unknown device type\0') },
    ]);
    expect(decodeExtack(decoded.attributes, [])).toEqual({ message: 'Unknown device type' });
  });

  test('decodes an error without extended ack (ENODEV, flags 0)', () => {
    const message = only(CAPTURED.noSuchDevice.replies[0]);
    const decoded = decodeNlmsgerr(message.payload, message.flags);
    expect(decoded.error).toBe(-19);
    expect(decoded.capped).toBe(false);
    expect(decoded.requestPayload).toEqual(new Uint8Array(16));
    expect(decoded.attributes).toEqual([]);
    expect(decodeExtack(decoded.attributes, [])).toBeUndefined();
  });

  test('decodes the capped ACK of a successful request', () => {
    const message = only(CAPTURED.linkUp.replies[0]);
    expect(message.flags).toBe(NLM_F.CAPPED);
    const decoded = decodeNlmsgerr(message.payload, message.flags);
    expect(decoded).toEqual({
      error: 0,
      request: {
        length: 32,
        type: RTM.NEWLINK,
        flags: NLM_F.REQUEST | NLM_F.ACK,
        seq: 0x6b03b88f,
        pid: 0,
      },
      requestPayload: new Uint8Array(0),
      capped: true,
      attributes: [],
    });
  });

  test('decodes the route error and its message', () => {
    const message = only(CAPTURED.invalidGateway.replies[0]);
    const decoded = decodeNlmsgerr(message.payload, message.flags);
    expect(decoded.error).toBe(-101);
    expect(decodeExtack(decoded.attributes, [])).toEqual({
      message: 'Nexthop has invalid gateway',
    });
  });

  test('throws DecodeError for a payload shorter than struct nlmsgerr', () => {
    expectDecodeError(() => decodeNlmsgerr(new Uint8Array(19), 0), 'nlmsgerr needs 20 bytes');
  });

  test('throws DecodeError when the TLVs would start past the payload', () => {
    const message = only(CAPTURED.noSuchDevice.replies[0]);
    const truncated = message.payload.subarray(0, 30);
    expectDecodeError(() => decodeNlmsgerr(truncated, NLM_F.ACK_TLVS), 'extended ack starts at 36');
  });
});

describe('encodeNlmsgerr', () => {
  for (const [name, hex] of Object.entries(goldenErrors)) {
    test(`re-encodes the captured ${name} reply byte for byte`, () => {
      expect(reencode(only(hex))).toEqual(fromHex(hex));
    });
  }

  test('encodes every extended-ack attribute and decodes them back', () => {
    const extack = {
      message: 'Attribute failed policy validation',
      offset: 36,
      cookie: Uint8Array.of(1, 2, 3),
      missingType: 3,
      missingNestOffset: 20,
    };
    const value: Nlmsgerr = {
      error: -22,
      request: { length: 16, type: RTM.NEWADDR, flags: NLM_F.REQUEST | NLM_F.ACK, seq: 7, pid: 0 },
      requestPayload: new Uint8Array(0),
      capped: true,
      attributes: encodeExtack(extack),
    };
    const encoded = encodeNlmsgerr(value);
    expect(encoded.flags).toBe(NLM_F.CAPPED | NLM_F.ACK_TLVS);
    const decoded = decodeNlmsgerr(encoded.payload, encoded.flags);
    expect(decoded).toEqual(value);
    expect(decodeExtack(decoded.attributes, [])).toEqual(extack);
  });
});

describe('decodeDone', () => {
  test('decodes the captured end of a link dump', () => {
    const message = only(CAPTURED.linkDump.replies[1]);
    expect(message.type).toBe(NLMSG.DONE);
    expect(decodeDone(message.payload, message.flags)).toEqual({ error: 0, attributes: [] });
    const encoded = encodeDone(decodeDone(message.payload, message.flags));
    expect(
      encodeMessage({ ...message, flags: message.flags | encoded.flags, payload: encoded.payload }),
    ).toEqual(fromHex(CAPTURED.linkDump.replies[1]));
  });

  test('an empty payload is a clean end', () => {
    expect(decodeDone(new Uint8Array(0), 0)).toEqual({ error: 0, attributes: [] });
  });

  test('round-trips a failed dump with an extended ack', () => {
    const value = { error: -90, attributes: encodeExtack({ message: 'dump too big' }) };
    const encoded = encodeDone(value);
    expect(encoded.flags).toBe(NLM_F.ACK_TLVS);
    expect(decodeDone(encoded.payload, encoded.flags)).toEqual(value);
  });

  test('throws DecodeError for a status shorter than 4 bytes', () => {
    expectDecodeError(() => decodeDone(new Uint8Array(3), 0), 'status needs 4 bytes');
  });
});

describe('decodeExtack', () => {
  test('throws DecodeError for a short NLMSGERR_ATTR_OFFS', () => {
    const attributes = [{ type: NLMSGERR_ATTR.OFFS, flags: 0, value: Uint8Array.of(1, 2) }];
    expectDecodeError(
      () => decodeExtack(attributes, ['NLMSG_ERROR']),
      'NLMSG_ERROR.NLMSGERR_ATTR_OFFS',
    );
  });

  test('ignores attributes it does not know', () => {
    expect(
      decodeExtack([{ type: NLMSGERR_ATTR.POLICY, flags: 0x8000, value: new Uint8Array(4) }], []),
    ).toBeUndefined();
  });
});

describe('nlmsgerr properties', () => {
  test('decoding random payloads returns or throws DecodeError, never anything else', () => {
    const prng = createPrng(0x5eed0001);
    const flagChoices = [0, NLM_F.CAPPED, NLM_F.ACK_TLVS, NLM_F.CAPPED | NLM_F.ACK_TLVS];
    for (let i = 0; i < 4000; i++) {
      const payload = prng.bytes(prng.int(96));
      // Half of the cases get a plausible echoed length, to reach the TLV parser.
      if (payload.length >= 8 && prng.int(2) === 0) {
        new DataView(payload.buffer).setUint32(4, 16 + prng.int(payload.length), true);
      }
      const flags = prng.pick(flagChoices);
      for (const decode of [
        () => decodeExtack(decodeNlmsgerr(payload, flags).attributes, []),
        () => decodeExtack(decodeDone(payload, flags).attributes, []),
      ]) {
        try {
          decode();
        } catch (error) {
          if (!isDecodeError(error)) throw error;
        }
      }
    }
  });

  test('decode(encode(decode(x))) equals decode(x) for the golden replies', () => {
    for (const hex of Object.values(goldenErrors)) {
      const message = only(hex);
      const first = decodeNlmsgerr(message.payload, message.flags);
      const encoded = encodeNlmsgerr(first);
      expect(decodeNlmsgerr(encoded.payload, encoded.flags)).toEqual(first);
    }
  });
});
