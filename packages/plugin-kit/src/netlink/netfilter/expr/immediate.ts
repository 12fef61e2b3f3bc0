import { nla, read } from '../../codec/attributes.ts';
import { required } from '../_attr.ts';
import { decodeData, encodeData } from './data.ts';
import type { ExprCodec, ImmediateExpr } from './types.ts';

/** enum nft_immediate_attributes. */
export const NFTA_IMMEDIATE = { DREG: 1, DATA: 2 } as const;

export const immediateCodec: ExprCodec<ImmediateExpr> = {
  name: 'immediate',
  encode(expr) {
    return [nla.u32be(NFTA_IMMEDIATE.DREG, expr.dreg), encodeData(NFTA_IMMEDIATE.DATA, expr.data)];
  },
  decode(map, path) {
    return {
      kind: 'immediate',
      dreg: read.u32be(required(map, NFTA_IMMEDIATE.DREG, path), path),
      data: decodeData(required(map, NFTA_IMMEDIATE.DATA, path), [...path, 'NFTA_IMMEDIATE_DATA']),
    };
  },
};
