import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { ifnameIs, ipMatch } from '../../netlink/netfilter/match.ts';
import { NftConditionError, parseNftConditions } from './nft-conditions-parse.ts';

// The expressions of portmap's nft-syntax conditions, from what nft-conditions-parse.ts
// reads (which checks them without this module's nf_tables code).

/** The expressions of `words` (joined and split on spaces) for an ip (4) or ip6 (6) table. */
export function nftConditionExprs(words: readonly string[], family: 4 | 6): NftExpr[] {
  const exprs: NftExpr[] = [];
  for (const condition of parseNftConditions(words, family)) {
    try {
      if (condition.kind === 'ip') {
        const { field, address, op } = condition;
        exprs.push(...ipMatch({ field, address, op, guard: false }));
      } else {
        exprs.push(...ifnameIs(condition.key, condition.name, condition.op));
      }
    } catch (error) {
      throw new NftConditionError(words.join(' '), String(error));
    }
  }
  return exprs;
}
