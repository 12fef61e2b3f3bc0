import { nla, read } from '../../codec/attributes.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { required } from '../_attr.ts';
import { decodeData, encodeData } from './data.ts';
import type { CmpExpr, ExprCodec, NftCmpOp } from './types.ts';

/** enum nft_cmp_attributes. */
export const NFTA_CMP = { SREG: 1, OP: 2, DATA: 3 } as const;

/** enum nft_cmp_ops, in kernel order. */
const OPS: readonly NftCmpOp[] = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'];

export const cmpCodec: ExprCodec<CmpExpr> = {
  name: 'cmp',
  encode(expr) {
    return [
      nla.u32be(NFTA_CMP.SREG, expr.sreg),
      nla.u32be(NFTA_CMP.OP, OPS.indexOf(expr.op)),
      encodeData(NFTA_CMP.DATA, { value: expr.data }),
    ];
  },
  decode(map, path) {
    const code = read.u32be(required(map, NFTA_CMP.OP, path), path);
    const op = OPS[code];
    if (op === undefined) throw new DecodeError(path, `unknown cmp op ${code}`);
    const data = decodeData(required(map, NFTA_CMP.DATA, path), [...path, 'NFTA_CMP_DATA']);
    if (!('value' in data)) throw new DecodeError(path, 'cmp data is a verdict');
    return {
      kind: 'cmp',
      sreg: read.u32be(required(map, NFTA_CMP.SREG, path), path),
      op,
      data: data.value,
    };
  },
};
