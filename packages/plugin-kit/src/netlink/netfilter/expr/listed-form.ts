import { concatBytes, nla } from '../../codec/attributes.ts';
import { NLA_F } from '../../codec/constants.ts';
import { nest } from '../_attr.ts';
import { NFTA_EXPR, NFTA_LIST } from '../constants.ts';
import { bitwiseCodec } from './bitwise.ts';
import { encodeExpr } from './registry.ts';
import type { NftExpr } from './types.ts';

// A rule's expressions as the kernel lists them. Its dumps differ from what nft (and this
// codec) sends in two ways only: nests carry no NLA_F_NESTED (nla_nest_start_noflag), and
// a bitwise expression lists NFTA_BITWISE_OP, which requests leave to its default (the
// mask-and-xor form). With both applied, a listed rule's NFTA_RULE_EXPRESSIONS bytes equal
// these when the kernel holds that rule (a counter lists its current values, so a rule with
// one matches only while they are zero), and a plugin can tell "already there" without
// decoding the rule.

/** enum nft_bitwise_attributes: NFTA_BITWISE_OP, listed after NFTA_BITWISE_LEN. */
const NFTA_BITWISE_OP = 6;
/** NFT_BITWISE_MASK_XOR (formerly NFT_BITWISE_BOOL). */
const NFT_BITWISE_MASK_XOR = 0;

/** Clears NLA_F_NESTED on every nest of `bytes` (in place), descending into each. */
function clearNestedFlags(bytes: Uint8Array, start: number, end: number): void {
  let offset = start;
  while (end - offset >= 4) {
    const length = (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
    if (length < 4 || offset + length > end) return;
    const high = bytes[offset + 3] as number;
    if ((high & (NLA_F.NESTED >> 8)) !== 0) {
      bytes[offset + 3] = high & ~(NLA_F.NESTED >> 8);
      clearNestedFlags(bytes, offset + 4, offset + length);
    }
    offset += (length + 3) & ~3;
  }
}

/** One NFTA_LIST_ELEM as a request carries it, with the attributes a listing adds. */
function requestElement(expr: NftExpr): Uint8Array {
  if (expr.kind !== 'bitwise') return encodeExpr(expr);
  const data = bitwiseCodec.encode(expr);
  return nest(NFTA_LIST.ELEM, [
    nla.string(NFTA_EXPR.NAME, bitwiseCodec.name),
    nest(NFTA_EXPR.DATA, [
      ...data.slice(0, 3),
      nla.u32be(NFTA_BITWISE_OP, NFT_BITWISE_MASK_XOR),
      ...data.slice(3),
    ]),
  ]);
}

/** The NFTA_RULE_EXPRESSIONS value the kernel lists for a rule made of `exprs`. */
export function exprsAsListed(exprs: readonly NftExpr[]): Uint8Array {
  const elements: Uint8Array[] = [];
  for (const expr of exprs) elements.push(requestElement(expr));
  const out = concatBytes(elements);
  clearNestedFlags(out, 0, out.length);
  return out;
}
