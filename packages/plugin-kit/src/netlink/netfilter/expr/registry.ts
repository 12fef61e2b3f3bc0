import {
  decodeAttributes,
  encodeAttribute,
  indexAttributes,
  nla,
  type RawAttribute,
  read,
} from '../../codec/attributes.ts';
import { NLA_F } from '../../codec/constants.ts';
import { nest, required } from '../_attr.ts';
import { NFTA_EXPR, NFTA_LIST } from '../constants.ts';
import { bitwiseCodec } from './bitwise.ts';
import { cmpCodec } from './cmp.ts';
import { counterCodec } from './counter.ts';
import { ctCodec } from './ct.ts';
import { fibCodec } from './fib.ts';
import { immediateCodec } from './immediate.ts';
import { lookupCodec } from './lookup.ts';
import { masqCodec } from './masq.ts';
import { metaCodec } from './meta.ts';
import { natCodec } from './nat.ts';
import { payloadCodec } from './payload.ts';
import { redirCodec } from './redir.ts';
import type { ExprCodec, NftExpr } from './types.ts';

// The explicit list of expression codecs, keyed by NFTA_EXPR_NAME (libnftnl's expr_ops
// array). An expression whose name is not here decodes as `raw` and encodes back to the
// same bytes: nothing is dropped.

type CodecOf<K extends NftExpr['kind']> = ExprCodec<Extract<NftExpr, { kind: K }>>;

const CODECS: { readonly [K in Exclude<NftExpr['kind'], 'raw'>]: CodecOf<K> } = {
  meta: metaCodec,
  cmp: cmpCodec,
  payload: payloadCodec,
  bitwise: bitwiseCodec,
  immediate: immediateCodec,
  counter: counterCodec,
  ct: ctCodec,
  masq: masqCodec,
  nat: natCodec,
  redir: redirCodec,
  lookup: lookupCodec,
  fib: fibCodec,
};

const BY_NAME = new Map<string, ExprCodec<NftExpr>>();
// A loop, not map(): this runs when the module loads, in every nftables exec.
for (const codec of Object.values(CODECS)) BY_NAME.set(codec.name, codec as ExprCodec<NftExpr>);

/** One NFTA_LIST_ELEM: the name and the NFTA_EXPR_DATA nest (present even when empty, as nft sends it). */
export function encodeExpr(expr: NftExpr): Uint8Array {
  if (expr.kind === 'raw') {
    return nest(NFTA_LIST.ELEM, [
      nla.string(NFTA_EXPR.NAME, expr.name),
      encodeAttribute(NFTA_EXPR.DATA | NLA_F.NESTED, expr.data),
    ]);
  }
  const codec = CODECS[expr.kind] as ExprCodec<NftExpr>;
  return nest(NFTA_LIST.ELEM, [
    nla.string(NFTA_EXPR.NAME, codec.name),
    nest(NFTA_EXPR.DATA, codec.encode(expr)),
  ]);
}

/** Decodes one NFTA_LIST_ELEM; an unknown name gives a `raw` expression. */
export function decodeExpr(element: RawAttribute, path: readonly string[]): NftExpr {
  const map = indexAttributes(decodeAttributes(element.value, path));
  const name = read.string(required(map, NFTA_EXPR.NAME, path));
  const data = map.get(NFTA_EXPR.DATA)?.value ?? new Uint8Array(0);
  const codec = BY_NAME.get(name);
  if (codec === undefined) return { kind: 'raw', name, data: data.slice() };
  const exprPath = [...path, name];
  return codec.decode(indexAttributes(decodeAttributes(data, exprPath)), exprPath);
}

/** Decodes the elements of NFTA_RULE_EXPRESSIONS in order. */
export function decodeExprList(list: RawAttribute, path: readonly string[]): NftExpr[] {
  // A loop, not filter/map: the iptables-nft DEL decodes rules (issue 22).
  const exprs: NftExpr[] = [];
  for (const element of decodeAttributes(list.value, path)) {
    if (element.type !== NFTA_LIST.ELEM) continue;
    exprs.push(decodeExpr(element, [...path, `expr[${exprs.length}]`]));
  }
  return exprs;
}
