import { nla, read } from '../../codec/attributes.ts';
import { required } from '../_attr.ts';
import type { ExprCodec, FibExpr } from './types.ts';

/** enum nft_fib_attributes. */
export const NFTA_FIB = { DREG: 1, RESULT: 2, FLAGS: 3 } as const;

/** enum nft_fib_result: what the lookup loads. */
export const NFT_FIB_RESULT = { OIF: 1, OIFNAME: 2, ADDRTYPE: 3 } as const;

/** enum nft_fib_flags: the lookup's input. */
export const NFTA_FIB_F = {
  SADDR: 1,
  DADDR: 2,
  MARK: 4,
  IIF: 8,
  OIF: 16,
  PRESENT: 32,
} as const;

/** `fib saddr|daddr … type|oif|oifname`: a routing lookup of the packet, result in `dreg`. */
export const fibCodec: ExprCodec<FibExpr> = {
  name: 'fib',
  encode(expr) {
    return [
      nla.u32be(NFTA_FIB.DREG, expr.dreg),
      nla.u32be(NFTA_FIB.RESULT, expr.result),
      nla.u32be(NFTA_FIB.FLAGS, expr.flags),
    ];
  },
  decode(map, path) {
    return {
      kind: 'fib',
      dreg: read.u32be(required(map, NFTA_FIB.DREG, path), path),
      result: read.u32be(required(map, NFTA_FIB.RESULT, path), path),
      flags: read.u32be(required(map, NFTA_FIB.FLAGS, path), path),
    };
  },
};
