import { sameBytes } from '../../netlink/codec/hex.ts';
import { encodeExpr } from '../../netlink/netfilter/expr/registry.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';

/** True when two expression lists encode to the same bytes (a listed rule against a built one). */
export function sameExprs(a: readonly NftExpr[], b: readonly NftExpr[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((expr, index) => {
    const other = b[index];
    return other !== undefined && sameBytes(encodeExpr(expr), encodeExpr(other));
  });
}
