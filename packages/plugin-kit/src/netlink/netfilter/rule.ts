import { concatBytes, NLA_HDRLEN, nla, stringValue } from '../codec/attributes.ts';
import { NLA_TYPE_MASK, NLM_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import { align4 } from '../codec/header.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import { be64, nest } from './_attr.ts';
import { NFT_MSG, NFTA_RULE, nftMessageType } from './constants.ts';
import { decodeExprList, encodeExpr } from './expr/registry.ts';
import type { NftExpr } from './expr/types.ts';
import { familyName, familyNumber, type NftFamily } from './family.ts';
import { encodeNfgenmsg, NFGENMSG_LEN } from './nfgenmsg.ts';
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

const RULE_PATH: readonly string[] = ['NFT_MSG_NEWRULE'];
const EXPRESSIONS_PATH: readonly string[] = ['NFT_MSG_NEWRULE', 'NFTA_RULE_EXPRESSIONS'];

/**
 * Decodes a NEWRULE message. The expressions are decoded when first read: a listing is
 * mostly searched by chain and comment, and a table of many containers' rules should not
 * cost every exec the decoding of all their expressions. One pass over the attributes,
 * keeping only those a rule has (a listing decodes a message per rule: 900 of them for
 * 300 attachments of portmap), with the errors of decodeAttributes and required.
 */
export function decodeRule(payload: Uint8Array): NftRule {
  if (payload.length < NFGENMSG_LEN) {
    throw new DecodeError(['nfgenmsg'], `${payload.length} bytes, needs ${NFGENMSG_LEN}`);
  }
  const family = familyName(payload[0] ?? 0);
  if (family === undefined) throw new DecodeError(RULE_PATH, `unknown family ${payload[0]}`);
  let table: Uint8Array | undefined;
  let chain: Uint8Array | undefined;
  let handle: Uint8Array | undefined;
  let list: Uint8Array | undefined;
  let userdata: Uint8Array | undefined;
  const end = payload.length;
  let offset = NFGENMSG_LEN;
  // The last occurrence of an attribute wins, as in the kernel's nla_parse.
  while (end - offset >= NLA_HDRLEN) {
    const length = (payload[offset] ?? 0) | ((payload[offset + 1] ?? 0) << 8);
    const type = ((payload[offset + 2] ?? 0) | ((payload[offset + 3] ?? 0) << 8)) & NLA_TYPE_MASK;
    if (length < NLA_HDRLEN || length > end - offset) {
      throw new DecodeError(
        RULE_PATH,
        `attribute ${type} has length ${length}, ${end - offset} bytes left`,
      );
    }
    const value = payload.subarray(offset + NLA_HDRLEN, offset + length);
    if (type === NFTA_RULE.TABLE) table = value;
    else if (type === NFTA_RULE.CHAIN) chain = value;
    else if (type === NFTA_RULE.HANDLE) handle = value;
    else if (type === NFTA_RULE.EXPRESSIONS) list = value;
    else if (type === NFTA_RULE.USERDATA) userdata = value;
    offset += align4(length);
  }
  if (table === undefined) throw new DecodeError(RULE_PATH, `attribute ${NFTA_RULE.TABLE} missing`);
  if (chain === undefined) throw new DecodeError(RULE_PATH, `attribute ${NFTA_RULE.CHAIN} missing`);
  if (handle === undefined) {
    throw new DecodeError(RULE_PATH, `attribute ${NFTA_RULE.HANDLE} missing`);
  }
  if (handle.length < 8) throw new DecodeError(RULE_PATH, `needs 8 bytes, has ${handle.length}`);
  let high = 0;
  let low = 0;
  for (let i = 0; i < 4; i++) high = high * 256 + (handle[i] ?? 0);
  for (let i = 4; i < 8; i++) low = low * 256 + (handle[i] ?? 0);
  const comment = userdata === undefined ? undefined : commentOfUdata(userdata);
  const rule = {
    family,
    table: stringValue(table),
    chain: stringValue(chain),
    handle: high * 0x100000000 + low,
  };
  let exprs: readonly NftExpr[] | undefined;
  const listed = list;
  Object.defineProperty(rule, 'exprs', {
    enumerable: true,
    get: () => {
      exprs ??=
        listed === undefined
          ? []
          : decodeExprList(
              { type: NFTA_RULE.EXPRESSIONS, flags: 0, value: listed },
              EXPRESSIONS_PATH,
            );
      return exprs;
    },
  });
  const decoded = (comment === undefined ? rule : Object.assign(rule, { comment })) as NftRule;
  if (listed !== undefined) LISTED_EXPRS.set(decoded, listed);
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
