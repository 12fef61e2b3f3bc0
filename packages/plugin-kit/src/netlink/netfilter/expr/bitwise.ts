import { nla, type RawAttribute, read } from '../../codec/attributes.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { required } from '../_attr.ts';
import { decodeData, encodeData } from './data.ts';
import type { BitwiseExpr, ExprCodec } from './types.ts';

/** enum nft_bitwise_attributes (the mask-and-xor form). */
export const NFTA_BITWISE = { SREG: 1, DREG: 2, LEN: 3, MASK: 4, XOR: 5 } as const;

function operand(
  map: ReadonlyMap<number, RawAttribute>,
  type: number,
  path: readonly string[],
): Uint8Array {
  const data = decodeData(required(map, type, path), path);
  if (!('value' in data)) throw new DecodeError(path, 'bitwise operand is a verdict');
  return data.value;
}

export const bitwiseCodec: ExprCodec<BitwiseExpr> = {
  name: 'bitwise',
  encode(expr) {
    return [
      nla.u32be(NFTA_BITWISE.SREG, expr.sreg),
      nla.u32be(NFTA_BITWISE.DREG, expr.dreg),
      nla.u32be(NFTA_BITWISE.LEN, expr.len),
      encodeData(NFTA_BITWISE.MASK, { value: expr.mask }),
      encodeData(NFTA_BITWISE.XOR, { value: expr.xor }),
    ];
  },
  decode(map, path) {
    const u32 = (type: number): number => read.u32be(required(map, type, path), path);
    return {
      kind: 'bitwise',
      sreg: u32(NFTA_BITWISE.SREG),
      dreg: u32(NFTA_BITWISE.DREG),
      len: u32(NFTA_BITWISE.LEN),
      mask: operand(map, NFTA_BITWISE.MASK, [...path, 'NFTA_BITWISE_MASK']),
      xor: operand(map, NFTA_BITWISE.XOR, [...path, 'NFTA_BITWISE_XOR']),
    };
  },
};
