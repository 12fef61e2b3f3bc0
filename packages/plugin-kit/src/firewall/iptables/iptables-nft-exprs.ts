import { type IpFamily, parseIp } from '@cni-ts/spec-types';
import { concatBytes, nla } from '../../netlink/codec/attributes.ts';
import { sameBytes } from '../../netlink/codec/hex.ts';
import { NFTA_EXPR } from '../../netlink/netfilter/constants.ts';
import { exprsAsListed } from '../../netlink/netfilter/expr/listed-form.ts';
import { NFT_PAYLOAD_BASE } from '../../netlink/netfilter/expr/payload.ts';
import { encodeExpr } from '../../netlink/netfilter/expr/registry.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { listedExprBytes, type NftRule } from '../../netlink/netfilter/rule.ts';

// The firewall's per-address iptables rules as iptables-nft 1.8 keeps them in nf_tables,
// so that its DEL can find them over netlink (address-rules-nft.ts). iptables-nft emits a
// rule's parts in a fixed order whatever the order of the arguments: source and
// destination address, then the matches as given, a counter, the target. Measured on
// Debian 12's iptables 1.8.9 (the tests compare with what iptables itself makes). Forms:
//   -s ADDR/32|/128, -d ...    payload (network header) · cmp eq ADDR
//   -m conntrack --ctstate RELATED,ESTABLISHED   match conntrack rev 3
//   -j ACCEPT|DROP|RETURN|CHAIN                  counter · immediate verdict
// Anything else gives undefined: the caller then asks the tool.

/** Offsets of the source and destination address in the IPv4 and IPv6 headers. */
const ADDRESS_OFFSETS = { 4: { s: 12, d: 16 }, 6: { s: 8, d: 24 } } as const;
/** struct xt_conntrack_mtinfo3, XT_ALIGNed: 162 bytes of fields, 168 on the wire. */
const CONNTRACK_INFO_SIZE = 168;
const CONNTRACK_MATCH_FLAGS_OFFSET = 146;
const CONNTRACK_STATE_MASK_OFFSET = 150;
const XT_CONNTRACK_STATE = 0x1;
/** XT_CONNTRACK_STATE_BIT(IP_CT_ESTABLISHED) | XT_CONNTRACK_STATE_BIT(IP_CT_RELATED). */
const ESTABLISHED_RELATED = 0x2 | 0x4;

/** An xtables match as iptables-nft sends it (the NFTA_EXPR_DATA of `match`). */
function xtMatch(name: string, revision: number, info: Uint8Array): NftExpr {
  return {
    kind: 'raw',
    name: 'match',
    data: concatBytes([nla.string(1, name), nla.u32be(2, revision), nla.bytes(3, info)]),
  };
}

/** `-m conntrack --ctstate RELATED,ESTABLISHED` (xtables structures are little-endian here). */
function conntrackEstablishedMatch(): NftExpr {
  const info = new Uint8Array(CONNTRACK_INFO_SIZE);
  const view = new DataView(info.buffer);
  view.setUint16(CONNTRACK_MATCH_FLAGS_OFFSET, XT_CONNTRACK_STATE, true);
  view.setUint16(CONNTRACK_STATE_MASK_OFFSET, ESTABLISHED_RELATED, true);
  return xtMatch('conntrack', 3, info);
}

function addressMatch(family: IpFamily, which: 's' | 'd', cidr: string): NftExpr[] | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0 || cidr.slice(slash + 1) !== (family === 4 ? '32' : '128')) return undefined;
  let address = parseIp(cidr.slice(0, slash));
  if (address === undefined) return undefined;
  if (family === 4 && address.length === 16) address = address.subarray(12);
  if (address.length !== (family === 4 ? 4 : 16)) return undefined;
  return [
    {
      kind: 'payload',
      dreg: 1,
      base: NFT_PAYLOAD_BASE.NETWORK_HEADER,
      offset: ADDRESS_OFFSETS[family][which],
      len: address.length,
    },
    { kind: 'cmp', sreg: 1, op: 'eq', data: address },
  ];
}

function target(name: string): NftExpr {
  if (name === 'ACCEPT' || name === 'DROP' || name === 'RETURN') {
    const code = name === 'ACCEPT' ? 'accept' : name === 'DROP' ? 'drop' : 'return';
    return { kind: 'immediate', dreg: 0, data: { verdict: { code } } };
  }
  return { kind: 'immediate', dreg: 0, data: { verdict: { code: 'jump', chain: name } } };
}

/**
 * The expressions iptables-nft makes of `rule` (iptables arguments, as the plan's steps
 * hold them) for `family`, or undefined for a form not listed above.
 */
export function iptablesNftExprs(family: IpFamily, rule: readonly string[]): NftExpr[] | undefined {
  let source: NftExpr[] | undefined;
  let destination: NftExpr[] | undefined;
  const matches: NftExpr[] = [];
  let verdict: NftExpr | undefined;
  for (let i = 0; i < rule.length; i += 2) {
    const word = rule[i];
    const value = rule[i + 1];
    if (value === undefined) return undefined;
    if (word === '-s' && source === undefined) {
      source = addressMatch(family, 's', value);
      if (source === undefined) return undefined;
    } else if (word === '-d' && destination === undefined) {
      destination = addressMatch(family, 'd', value);
      if (destination === undefined) return undefined;
    } else if (word === '-j' && verdict === undefined) {
      verdict = target(value);
    } else if (
      word === '-m' &&
      value === 'conntrack' &&
      rule[i + 2] === '--ctstate' &&
      rule[i + 3] === 'RELATED,ESTABLISHED'
    ) {
      matches.push(conntrackEstablishedMatch());
      i += 2;
    } else {
      return undefined;
    }
  }
  if (verdict === undefined) return undefined;
  const exprs: NftExpr[] = [];
  for (const part of [source, destination]) {
    if (part !== undefined) for (const expr of part) exprs.push(expr);
  }
  for (const match of matches) exprs.push(match);
  exprs.push({ kind: 'counter' });
  exprs.push(verdict);
  return exprs;
}

/** True when `rule`, as the kernel lists it, is `exprs` (the counter's values aside). */
export function isIptablesNftRule(rule: NftRule, exprs: readonly NftExpr[]): boolean {
  const listed = rule.exprs;
  if (listed.length !== exprs.length) return false;
  for (let i = 0; i < exprs.length; i++) {
    const want = exprs[i] as NftExpr;
    const have = listed[i] as NftExpr;
    if (want.kind === 'counter') {
      if (have.kind !== 'counter') return false;
    } else if (!sameBytes(encodeExpr(want), encodeExpr(have))) {
      return false;
    }
  }
  return true;
}

/**
 * A rule to look for in a listing, compared as the kernel lists it (no decoding: decoding
 * every rule of a table costs a short-lived exec more than an iptables process).
 */
export interface IptablesNftPattern {
  readonly exprs: readonly NftExpr[];
  /** Each expression's listed bytes; undefined for the counter, whose values vary. */
  readonly elements: readonly (Uint8Array | undefined)[];
}

export function iptablesNftPattern(exprs: readonly NftExpr[]): IptablesNftPattern {
  const elements: (Uint8Array | undefined)[] = [];
  for (const expr of exprs)
    elements.push(expr.kind === 'counter' ? undefined : exprsAsListed([expr]));
  return { exprs, elements };
}

const COUNTER_NAME = nla.string(NFTA_EXPR.NAME, 'counter');

function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
}

/** True when the element at `offset` of listed expressions `bytes` is named as `name` says. */
function elementNamed(bytes: Uint8Array, offset: number, name: Uint8Array): boolean {
  const start = offset + 4;
  return sameBytes(bytes.subarray(start, start + name.length), name);
}

/** True when `rule`, as the kernel lists it, is the pattern's rule (the counter's values aside). */
export function matchesIptablesNftPattern(rule: NftRule, pattern: IptablesNftPattern): boolean {
  const bytes = listedExprBytes(rule);
  if (bytes === undefined) return isIptablesNftRule(rule, pattern.exprs);
  let offset = 0;
  for (const element of pattern.elements) {
    if (offset + 4 > bytes.length) return false;
    const length = u16(bytes, offset);
    if (length < 4 || offset + length > bytes.length) return false;
    if (element === undefined) {
      if (!elementNamed(bytes, offset, COUNTER_NAME)) return false;
    } else if (!sameBytes(bytes.subarray(offset, offset + length), element)) {
      return false;
    }
    offset += (length + 3) & ~3;
  }
  return offset === bytes.length;
}
