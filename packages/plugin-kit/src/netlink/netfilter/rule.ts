import { concatBytes, decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NLM_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import { be64, nest, readBe64, required } from './_attr.ts';
import { NFT_MSG, NFTA_RULE, nftMessageType } from './constants.ts';
import { decodeExprList, encodeExpr } from './expr/registry.ts';
import type { NftExpr } from './expr/types.ts';
import { familyName, familyNumber, type NftFamily } from './family.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from './nfgenmsg.ts';
import { commentOfUdata, encodeCommentUdata } from './udata.ts';

/** A rule as the plugins create it: its chain, its expressions, and a comment in userdata. */
export interface NftRuleSpec {
  readonly family: NftFamily;
  readonly table: string;
  readonly chain: string;
  readonly exprs: readonly NftExpr[];
  readonly comment?: string;
  /** Insert after (append) or before (insert) the rule with this handle. */
  readonly position?: number;
}

/** A rule as the kernel lists it. */
export interface NftRule extends NftRuleSpec {
  readonly handle: number;
}

/** Which rule a DELRULE names. */
export interface NftRuleRef {
  readonly family: NftFamily;
  readonly table: string;
  readonly chain: string;
  readonly handle: number;
}

/** The NEWRULE payload, in nft's order: table, chain, position, expressions, userdata. */
export function encodeNewRule(spec: NftRuleSpec): Uint8Array {
  const parts = [
    encodeNfgenmsg(familyNumber(spec.family)),
    nla.string(NFTA_RULE.TABLE, spec.table),
    nla.string(NFTA_RULE.CHAIN, spec.chain),
  ];
  if (spec.position !== undefined) parts.push(be64(NFTA_RULE.POSITION, BigInt(spec.position)));
  // A loop, not map(): the nftables ADDs call no JavaScript-implemented builtin (issue 22).
  const exprs: Uint8Array[] = [];
  for (const expr of spec.exprs) exprs.push(encodeExpr(expr));
  parts.push(nest(NFTA_RULE.EXPRESSIONS, exprs));
  if (spec.comment !== undefined) {
    parts.push(nla.bytes(NFTA_RULE.USERDATA, encodeCommentUdata(spec.comment)));
  }
  return concatBytes(parts);
}

/** The DELRULE payload for one rule (by handle). */
export function encodeRuleRef(ref: NftRuleRef): Uint8Array {
  return concatBytes([
    encodeNfgenmsg(familyNumber(ref.family)),
    nla.string(NFTA_RULE.TABLE, ref.table),
    nla.string(NFTA_RULE.CHAIN, ref.chain),
    be64(NFTA_RULE.HANDLE, BigInt(ref.handle)),
  ]);
}

/** The DELRULE payload that empties a chain (`flush chain`), or a GETRULE dump filter. */
export function encodeChainRules(family: NftFamily, table?: string, chain?: string): Uint8Array {
  const parts = [encodeNfgenmsg(familyNumber(family))];
  if (table !== undefined) parts.push(nla.string(NFTA_RULE.TABLE, table));
  if (chain !== undefined) parts.push(nla.string(NFTA_RULE.CHAIN, chain));
  return concatBytes(parts);
}

/** The NFTA_RULE_EXPRESSIONS bytes of each decoded rule, as the kernel listed them. */
const LISTED_EXPRS = new WeakMap<NftRule, Uint8Array>();

/**
 * The raw NFTA_RULE_EXPRESSIONS value of a rule decoded from a listing (compare with
 * exprsAsListed), or undefined for a rule that did not come from the kernel.
 */
export function listedExprBytes(rule: NftRule): Uint8Array | undefined {
  return LISTED_EXPRS.get(rule);
}

/**
 * Decodes a NEWRULE message. The expressions are decoded when first read: a listing is
 * mostly searched by chain and comment, and a table of many containers' rules should not
 * cost every exec the decoding of all their expressions.
 */
export function decodeRule(payload: Uint8Array): NftRule {
  const { header, attributes } = decodeNfgenmsg(payload);
  const path = ['NFT_MSG_NEWRULE'];
  const family = familyName(header.family);
  if (family === undefined) throw new DecodeError(path, `unknown family ${header.family}`);
  const map = indexAttributes(decodeAttributes(attributes, path));
  const list = map.get(NFTA_RULE.EXPRESSIONS);
  const userdata = map.get(NFTA_RULE.USERDATA);
  const comment = userdata === undefined ? undefined : commentOfUdata(userdata.value);
  const rule = {
    family,
    table: read.string(required(map, NFTA_RULE.TABLE, path)),
    chain: read.string(required(map, NFTA_RULE.CHAIN, path)),
    handle: Number(readBe64(required(map, NFTA_RULE.HANDLE, path), path)),
  };
  let exprs: readonly NftExpr[] | undefined;
  Object.defineProperty(rule, 'exprs', {
    enumerable: true,
    get: () => {
      exprs ??= list === undefined ? [] : decodeExprList(list, [...path, 'NFTA_RULE_EXPRESSIONS']);
      return exprs;
    },
  });
  const decoded = (comment === undefined ? rule : Object.assign(rule, { comment })) as NftRule;
  if (list !== undefined) LISTED_EXPRS.set(decoded, list.value);
  return decoded;
}

/** Which rules listNftRules returns. */
export interface NftRuleFilter {
  readonly family: NftFamily;
  readonly table?: string;
  readonly chain?: string;
}

/**
 * Lists rules (`nft list chain …`): a GETRULE dump the kernel filters by table and chain,
 * filtered here as well (old kernels ignore dump filters). A missing table or chain gives
 * an empty list.
 */
export function listNftRules(sock: NetlinkRequester, filter: NftRuleFilter): NftRule[] {
  const replies = sock.request({
    op: 'NFT_MSG_GETRULE',
    type: nftMessageType(NFT_MSG.GETRULE),
    flags: NLM_F.DUMP,
    payload: encodeChainRules(filter.family, filter.table, filter.chain),
  });
  // Loops, not filter/map: a plugin exec pays for each builtin's first call (issue 22).
  const rules: NftRule[] = [];
  for (const reply of replies) {
    if (reply.type !== nftMessageType(NFT_MSG.NEWRULE)) continue;
    const rule = decodeRule(reply.payload);
    if (rule.family !== filter.family) continue;
    if (filter.table !== undefined && rule.table !== filter.table) continue;
    if (filter.chain !== undefined && rule.chain !== filter.chain) continue;
    rules.push(rule);
  }
  return rules;
}
