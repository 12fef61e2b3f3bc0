import { nla } from '../../codec/attributes.ts';
import { optionalU32be } from '../_attr.ts';
import type { ExprCodec, RedirExpr } from './types.ts';

/** enum nft_redir_attributes. */
export const NFTA_REDIR = { REG_PROTO_MIN: 1, REG_PROTO_MAX: 2, FLAGS: 3 } as const;

export const redirCodec: ExprCodec<RedirExpr> = {
  name: 'redir',
  encode(expr) {
    const out: Uint8Array[] = [];
    if (expr.regProtoMin !== undefined) {
      out.push(nla.u32be(NFTA_REDIR.REG_PROTO_MIN, expr.regProtoMin));
    }
    if (expr.regProtoMax !== undefined) {
      out.push(nla.u32be(NFTA_REDIR.REG_PROTO_MAX, expr.regProtoMax));
    }
    if (expr.flags !== undefined) out.push(nla.u32be(NFTA_REDIR.FLAGS, expr.flags));
    return out;
  },
  decode(map, path) {
    const flags = optionalU32be(map, NFTA_REDIR.FLAGS, path);
    const min = optionalU32be(map, NFTA_REDIR.REG_PROTO_MIN, path);
    const max = optionalU32be(map, NFTA_REDIR.REG_PROTO_MAX, path);
    return {
      kind: 'redir',
      ...(min === undefined ? {} : { regProtoMin: min }),
      ...(max === undefined ? {} : { regProtoMax: max }),
      ...(flags === undefined ? {} : { flags }),
    };
  },
};
