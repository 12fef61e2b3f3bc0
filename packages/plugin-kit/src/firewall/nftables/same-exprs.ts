import { sameBytes } from '../../netlink/codec/hex.ts';
import { exprsAsListed } from '../../netlink/netfilter/expr/listed-form.ts';
import { encodeExpr } from '../../netlink/netfilter/expr/registry.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { listedExprBytes, type NftRule } from '../../netlink/netfilter/rule.ts';

// Is a listed rule the one a plugin would make? First its raw bytes against the listed form
// of the wanted expressions (no decoding: most of a check's cost in a short-lived exec is
// the first run of the decoders); when they differ, decoded and compared, so a kernel that
// lists rules in another form still gets the right answer.

/** True when two expression lists encode to the same bytes (a listed rule against a built one). */
export function sameExprs(a: readonly NftExpr[], b: readonly NftExpr[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    const expr = a[index];
    const other = b[index];
    if (expr === undefined || other === undefined) return false;
    if (!sameBytes(encodeExpr(expr), encodeExpr(other))) return false;
  }
  return true;
}

function listedAs(rule: NftRule, listed: Uint8Array): boolean {
  const raw = listedExprBytes(rule);
  return raw !== undefined && sameBytes(raw, listed);
}

/** True when `rule` consists of `exprs`. */
export function ruleHasExprs(rule: NftRule, exprs: readonly NftExpr[]): boolean {
  return listedAs(rule, exprsAsListed(exprs)) || sameExprs(rule.exprs, exprs);
}

/** True when one of `rules` consists of `exprs` (all compared as bytes before any is decoded). */
export function someRuleHasExprs(rules: readonly NftRule[], exprs: readonly NftExpr[]): boolean {
  const listed = exprsAsListed(exprs);
  // Loops, not some(): each builtin's first call is paid by every plugin exec (issue 22).
  for (const rule of rules) if (listedAs(rule, listed)) return true;
  for (const rule of rules) if (sameExprs(rule.exprs, exprs)) return true;
  return false;
}
