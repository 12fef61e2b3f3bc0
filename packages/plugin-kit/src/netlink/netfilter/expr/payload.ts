import { nla, read } from '../../codec/attributes.ts';
import { required } from '../_attr.ts';
import type { ExprCodec, PayloadExpr } from './types.ts';

/** enum nft_payload_attributes (the load part). */
export const NFTA_PAYLOAD = { DREG: 1, BASE: 2, OFFSET: 3, LEN: 4 } as const;

/** enum nft_payload_bases. */
export const NFT_PAYLOAD_BASE = { LL_HEADER: 0, NETWORK_HEADER: 1, TRANSPORT_HEADER: 2 } as const;

export const payloadCodec: ExprCodec<PayloadExpr> = {
  name: 'payload',
  encode(expr) {
    return [
      nla.u32be(NFTA_PAYLOAD.DREG, expr.dreg),
      nla.u32be(NFTA_PAYLOAD.BASE, expr.base),
      nla.u32be(NFTA_PAYLOAD.OFFSET, expr.offset),
      nla.u32be(NFTA_PAYLOAD.LEN, expr.len),
    ];
  },
  decode(map, path) {
    const u32 = (type: number): number => read.u32be(required(map, type, path), path);
    return {
      kind: 'payload',
      dreg: u32(NFTA_PAYLOAD.DREG),
      base: u32(NFTA_PAYLOAD.BASE),
      offset: u32(NFTA_PAYLOAD.OFFSET),
      len: u32(NFTA_PAYLOAD.LEN),
    };
  },
};
