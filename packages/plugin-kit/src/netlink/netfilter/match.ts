import { maskPrefix, parsePrefixBytes } from '../route/_ip.ts';
import { parseMac } from '../route/link/mac.ts';
import { NFPROTO, NFT_REG } from './constants.ts';
import { NFT_CT } from './expr/ct.ts';
import type { NftVerdict } from './expr/data.ts';
import { NFT_META } from './expr/meta.ts';
import { NFT_PAYLOAD_BASE } from './expr/payload.ts';
import type { ImmediateExpr, MasqExpr, NftCmpOp, NftExpr } from './expr/types.ts';

// Builders of the expression runs nft(8) emits for the matches the plugins write, so that
// a rule built here is the rule `nft -f` makes from the same text (goldens prove it).

const IFNAMSIZ = 16;
const IPV4_HEADER = { saddr: 12, daddr: 16 } as const;
const IPV6_HEADER = { saddr: 8, daddr: 24 } as const;
const ETHER_SADDR_OFFSET = 6;

/** `meta nfproto ipv4|ipv6`: what nft puts before an ip/ip6 match in an inet table. */
export function nfprotoIs(family: 4 | 6): NftExpr[] {
  const value = family === 4 ? NFPROTO.IPV4 : NFPROTO.IPV6;
  return [
    { kind: 'meta', key: NFT_META.NFPROTO, dreg: NFT_REG.R1 },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'eq', data: Uint8Array.of(value) },
  ];
}

export interface IpMatch {
  readonly field: 'saddr' | 'daddr';
  /** "10.1.0.5", "10.1.0.0/16", "fd00::/64": a bare address matches that host. */
  readonly address: string;
  readonly op: Extract<NftCmpOp, 'eq' | 'neq'>;
  /** Put the nfproto guard first (the rule lives in an inet or bridge table). Default true. */
  readonly guard?: boolean;
}

/**
 * `ip|ip6 saddr|daddr [!=] ADDRESS[/PREFIX]` as nft encodes it: a byte-aligned prefix loads
 * only its bytes; any other prefix loads the whole address and masks it with bitwise.
 */
export function ipMatch(match: IpMatch): NftExpr[] {
  const parsed = parsePrefixBytes(match.address, `ip ${match.field}`);
  const v4 = parsed.bytes.length === 4;
  const offset = (v4 ? IPV4_HEADER : IPV6_HEADER)[match.field];
  const network = maskPrefix(parsed.bytes, parsed.prefix);
  const guard = match.guard === false ? [] : nfprotoIs(v4 ? 4 : 6);
  const aligned = parsed.prefix % 8 === 0 && parsed.prefix > 0;
  const len = aligned ? parsed.prefix / 8 : parsed.bytes.length;
  const load: NftExpr = {
    kind: 'payload',
    base: NFT_PAYLOAD_BASE.NETWORK_HEADER,
    offset,
    len,
    dreg: NFT_REG.R1,
  };
  const compare: NftExpr = {
    kind: 'cmp',
    sreg: NFT_REG.R1,
    op: match.op,
    data: network.slice(0, len),
  };
  if (aligned) return [...guard, load, compare];
  const mask = maskPrefix(new Uint8Array(len).fill(0xff), parsed.prefix);
  const mask_: NftExpr = {
    kind: 'bitwise',
    sreg: NFT_REG.R1,
    dreg: NFT_REG.R1,
    len,
    mask,
    xor: new Uint8Array(len),
  };
  return [...guard, load, mask_, compare];
}

/** `iifname|oifname [!=] "NAME"`: the name NUL-padded to IFNAMSIZ, as nft compares it. */
export function ifnameIs(
  key: 'iifname' | 'oifname',
  name: string,
  op: Extract<NftCmpOp, 'eq' | 'neq'> = 'eq',
): NftExpr[] {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length >= IFNAMSIZ) throw new TypeError(`interface name too long: ${name}`);
  const data = new Uint8Array(IFNAMSIZ);
  data.set(bytes);
  const metaKey = key === 'iifname' ? NFT_META.IIFNAME : NFT_META.OIFNAME;
  return [
    { kind: 'meta', key: metaKey, dreg: NFT_REG.R1 },
    { kind: 'cmp', sreg: NFT_REG.R1, op, data },
  ];
}

/**
 * `ct state STATE[,STATE…]` (bits of NF_CT_STATE) as nft encodes it: the state loaded, masked
 * with the bits (a host-order u32) and compared unequal to zero.
 */
export function ctStateIn(bits: number): NftExpr[] {
  const mask = new Uint8Array(4);
  new DataView(mask.buffer).setUint32(0, bits, true);
  return [
    { kind: 'ct', key: NFT_CT.STATE, dreg: NFT_REG.R1 },
    { kind: 'bitwise', sreg: NFT_REG.R1, dreg: NFT_REG.R1, len: 4, mask, xor: new Uint8Array(4) },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'neq', data: new Uint8Array(4) },
  ];
}

/** `ether saddr MAC` (bridge family). */
export function etherSaddrIs(mac: string): NftExpr[] {
  const data = parseMac(mac);
  return [
    {
      kind: 'payload',
      base: NFT_PAYLOAD_BASE.LL_HEADER,
      offset: ETHER_SADDR_OFFSET,
      len: data.length,
      dreg: NFT_REG.R1,
    },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'eq', data },
  ];
}

/** A verdict statement: `accept`, `drop`, `return`, `jump CHAIN`, `goto CHAIN`. */
export function verdict(value: NftVerdict): ImmediateExpr {
  return { kind: 'immediate', dreg: NFT_REG.VERDICT, data: { verdict: value } };
}

/** `masquerade`. */
export const masquerade: MasqExpr = { kind: 'masq' };
