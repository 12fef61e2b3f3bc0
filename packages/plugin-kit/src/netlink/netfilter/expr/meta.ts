import { nla, read } from '../../codec/attributes.ts';
import { required } from '../_attr.ts';
import type { ExprCodec, MetaExpr } from './types.ts';

/** enum nft_meta_attributes. */
export const NFTA_META = { DREG: 1, KEY: 2, SREG: 3 } as const;

/** enum nft_meta_keys (the ones the plugins use). */
export const NFT_META = {
  LEN: 0,
  PROTOCOL: 1,
  PRIORITY: 2,
  MARK: 3,
  IIF: 4,
  OIF: 5,
  IIFNAME: 6,
  OIFNAME: 7,
  IIFTYPE: 8,
  OIFTYPE: 9,
  NFPROTO: 15,
  L4PROTO: 16,
  BRI_IIFNAME: 17,
  BRI_OIFNAME: 18,
  PKTTYPE: 19,
  IIFKIND: 26,
  OIFKIND: 27,
} as const;

export const metaCodec: ExprCodec<MetaExpr> = {
  name: 'meta',
  encode(expr) {
    // libnftnl's order: key, then the register.
    const out = [nla.u32be(NFTA_META.KEY, expr.key)];
    if (expr.dreg !== undefined) out.push(nla.u32be(NFTA_META.DREG, expr.dreg));
    if (expr.sreg !== undefined) out.push(nla.u32be(NFTA_META.SREG, expr.sreg));
    return out;
  },
  decode(map, path) {
    const dreg = map.get(NFTA_META.DREG);
    const sreg = map.get(NFTA_META.SREG);
    return {
      kind: 'meta',
      key: read.u32be(required(map, NFTA_META.KEY, path), path),
      ...(dreg === undefined ? {} : { dreg: read.u32be(dreg, path) }),
      ...(sreg === undefined ? {} : { sreg: read.u32be(sreg, path) }),
    };
  },
};
