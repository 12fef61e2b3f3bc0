import { nla, read } from '../../codec/attributes.ts';
import { optionalU32be, required } from '../_attr.ts';
import type { ExprCodec, LookupExpr } from './types.ts';

/** enum nft_lookup_attributes. */
export const NFTA_LOOKUP = { SET: 1, SREG: 2, DREG: 3, SET_ID: 4, FLAGS: 5 } as const;

/** NFT_LOOKUP_F_INV: match when the key is NOT in the set. */
export const NFT_LOOKUP_F_INV = 1;

export const lookupCodec: ExprCodec<LookupExpr> = {
  name: 'lookup',
  encode(expr) {
    // The order nft sends (fixtures/set-lookup): sreg, dreg, set, set id, flags.
    const out = [nla.u32be(NFTA_LOOKUP.SREG, expr.sreg)];
    if (expr.dreg !== undefined) out.push(nla.u32be(NFTA_LOOKUP.DREG, expr.dreg));
    out.push(nla.string(NFTA_LOOKUP.SET, expr.set));
    if (expr.setId !== undefined) out.push(nla.u32be(NFTA_LOOKUP.SET_ID, expr.setId));
    if (expr.flags !== undefined) out.push(nla.u32be(NFTA_LOOKUP.FLAGS, expr.flags));
    return out;
  },
  decode(map, path) {
    const dreg = optionalU32be(map, NFTA_LOOKUP.DREG, path);
    const setId = optionalU32be(map, NFTA_LOOKUP.SET_ID, path);
    const flags = optionalU32be(map, NFTA_LOOKUP.FLAGS, path);
    return {
      kind: 'lookup',
      set: read.string(required(map, NFTA_LOOKUP.SET, path)),
      sreg: read.u32be(required(map, NFTA_LOOKUP.SREG, path), path),
      ...(dreg === undefined ? {} : { dreg }),
      ...(setId === undefined ? {} : { setId }),
      ...(flags === undefined ? {} : { flags }),
    };
  },
};
