import { nla } from '../../codec/attributes.ts';
import { optionalU32be } from '../_attr.ts';
import type { ExprCodec, MasqExpr } from './types.ts';

/** enum nft_masq_attributes. */
export const NFTA_MASQ = { FLAGS: 1, REG_PROTO_MIN: 2, REG_PROTO_MAX: 3 } as const;

/** NF_NAT_RANGE_* flags of masq, redir and nat. */
export const NF_NAT_RANGE = {
  MAP_IPS: 1,
  PROTO_SPECIFIED: 2,
  PROTO_RANDOM: 4,
  PERSISTENT: 8,
  PROTO_RANDOM_FULLY: 16,
} as const;

export const masqCodec: ExprCodec<MasqExpr> = {
  name: 'masq',
  encode(expr) {
    const out: Uint8Array[] = [];
    if (expr.flags !== undefined) out.push(nla.u32be(NFTA_MASQ.FLAGS, expr.flags));
    if (expr.regProtoMin !== undefined) {
      out.push(nla.u32be(NFTA_MASQ.REG_PROTO_MIN, expr.regProtoMin));
    }
    if (expr.regProtoMax !== undefined) {
      out.push(nla.u32be(NFTA_MASQ.REG_PROTO_MAX, expr.regProtoMax));
    }
    return out;
  },
  decode(map, path) {
    const flags = optionalU32be(map, NFTA_MASQ.FLAGS, path);
    const min = optionalU32be(map, NFTA_MASQ.REG_PROTO_MIN, path);
    const max = optionalU32be(map, NFTA_MASQ.REG_PROTO_MAX, path);
    return {
      kind: 'masq',
      ...(flags === undefined ? {} : { flags }),
      ...(min === undefined ? {} : { regProtoMin: min }),
      ...(max === undefined ? {} : { regProtoMax: max }),
    };
  },
};
