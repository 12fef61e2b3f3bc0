import { nla, read } from '../../codec/attributes.ts';
import { required } from '../_attr.ts';
import type { CtExpr, ExprCodec } from './types.ts';

/** enum nft_ct_attributes. */
export const NFTA_CT = { DREG: 1, KEY: 2, DIRECTION: 3, SREG: 4 } as const;

/** enum nft_ct_keys (the ones firewall rules use). */
export const NFT_CT = {
  STATE: 0,
  DIRECTION: 1,
  STATUS: 2,
  MARK: 3,
  L3PROTOCOL: 7,
  SRC: 8,
  DST: 9,
  PROTOCOL: 10,
  PROTO_SRC: 11,
  PROTO_DST: 12,
  ZONE: 17,
} as const;

/** Bits of the ct state a rule compares (NF_CT_STATE_*_BIT). */
export const NF_CT_STATE = {
  INVALID: 1,
  ESTABLISHED: 2,
  RELATED: 4,
  NEW: 8,
  UNTRACKED: 64,
} as const;

export const ctCodec: ExprCodec<CtExpr> = {
  name: 'ct',
  encode(expr) {
    const out: Uint8Array[] = [];
    if (expr.dreg !== undefined) out.push(nla.u32be(NFTA_CT.DREG, expr.dreg));
    out.push(nla.u32be(NFTA_CT.KEY, expr.key));
    if (expr.direction !== undefined) out.push(nla.u8(NFTA_CT.DIRECTION, expr.direction));
    if (expr.sreg !== undefined) out.push(nla.u32be(NFTA_CT.SREG, expr.sreg));
    return out;
  },
  decode(map, path) {
    const dreg = map.get(NFTA_CT.DREG);
    const sreg = map.get(NFTA_CT.SREG);
    const direction = map.get(NFTA_CT.DIRECTION);
    return {
      kind: 'ct',
      key: read.u32be(required(map, NFTA_CT.KEY, path), path),
      ...(dreg === undefined ? {} : { dreg: read.u32be(dreg, path) }),
      ...(sreg === undefined ? {} : { sreg: read.u32be(sreg, path) }),
      ...(direction === undefined ? {} : { direction: read.u8(direction, path) }),
    };
  },
};
