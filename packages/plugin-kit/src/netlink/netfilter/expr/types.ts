import type { RawAttribute } from '../../codec/attributes.ts';
import type { NftData } from './data.ts';

// The expressions a rule is made of, one variant per kernel expression (NFTA_EXPR_NAME).
// Registers are numbered as the kernel does (NFT_REG.R1... or NFT_REG32_*); every optional
// attribute is left out of the wire when undefined, as libnftnl's presence bits do.

/** enum nft_cmp_ops by name. */
export type NftCmpOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte';

/** Loads packet metadata (`key`, NFT_META.*) into `dreg`, or sets it from `sreg`. */
export interface MetaExpr {
  readonly kind: 'meta';
  readonly key: number;
  readonly dreg?: number;
  readonly sreg?: number;
}

/** Compares register `sreg` with `data`. */
export interface CmpExpr {
  readonly kind: 'cmp';
  readonly sreg: number;
  readonly op: NftCmpOp;
  readonly data: Uint8Array;
}

/** Loads `len` bytes at `offset` of header `base` (NFT_PAYLOAD_BASE.*) into `dreg`. */
export interface PayloadExpr {
  readonly kind: 'payload';
  readonly base: number;
  readonly offset: number;
  readonly len: number;
  readonly dreg: number;
}

/** dreg = (sreg & mask) ^ xor over `len` bytes. */
export interface BitwiseExpr {
  readonly kind: 'bitwise';
  readonly sreg: number;
  readonly dreg: number;
  readonly len: number;
  readonly mask: Uint8Array;
  readonly xor: Uint8Array;
}

/** Puts data into `dreg`, or a verdict into the verdict register (dreg 0). */
export interface ImmediateExpr {
  readonly kind: 'immediate';
  readonly dreg: number;
  readonly data: NftData;
}

/** Counts packets and bytes; the values are what the kernel reports (start from zero when absent). */
export interface CounterExpr {
  readonly kind: 'counter';
  readonly bytes?: bigint;
  readonly packets?: bigint;
}

/** Conntrack: loads `key` (NFT_CT.*) into `dreg`, or sets it from `sreg`. */
export interface CtExpr {
  readonly kind: 'ct';
  readonly key: number;
  readonly dreg?: number;
  readonly sreg?: number;
  /** 0 original, 1 reply. */
  readonly direction?: number;
}

/** Masquerade to the outgoing interface's address; optional port range from registers. */
export interface MasqExpr {
  readonly kind: 'masq';
  readonly flags?: number;
  readonly regProtoMin?: number;
  readonly regProtoMax?: number;
}

/** snat or dnat to the addresses (and ports) held in registers. */
export interface NatExpr {
  readonly kind: 'nat';
  readonly type: 'snat' | 'dnat';
  /** NFPROTO_IPV4 or NFPROTO_IPV6. */
  readonly family: number;
  readonly regAddrMin?: number;
  readonly regAddrMax?: number;
  readonly regProtoMin?: number;
  readonly regProtoMax?: number;
  readonly flags?: number;
}

/** Redirect to the local machine; optional port range from registers. */
export interface RedirExpr {
  readonly kind: 'redir';
  readonly regProtoMin?: number;
  readonly regProtoMax?: number;
  readonly flags?: number;
}

/**
 * Looks register `sreg` up in a set, named by `set` and, for a set created in the same batch,
 * by `setId` too. With `dreg`, a map lookup loads the element's value there: NFT_REG.VERDICT
 * for a verdict map (`vmap`).
 */
export interface LookupExpr {
  readonly kind: 'lookup';
  readonly set: string;
  readonly sreg: number;
  readonly dreg?: number;
  /** The NftSetSpec.id of a set created earlier in the same batch. */
  readonly setId?: number;
  /** NFT_LOOKUP_F_INV (1) inverts the match. */
  readonly flags?: number;
}

/** A routing lookup (NFT_FIB_RESULT.*, NFTA_FIB_F.* flags) loaded into `dreg`. */
export interface FibExpr {
  readonly kind: 'fib';
  readonly dreg: number;
  readonly result: number;
  readonly flags: number;
}

/** An expression this codec does not model: kept as its name and raw NFTA_EXPR_DATA bytes. */
export interface RawExpr {
  readonly kind: 'raw';
  readonly name: string;
  readonly data: Uint8Array;
}

export type NftExpr =
  | MetaExpr
  | CmpExpr
  | PayloadExpr
  | BitwiseExpr
  | ImmediateExpr
  | CounterExpr
  | CtExpr
  | MasqExpr
  | NatExpr
  | RedirExpr
  | LookupExpr
  | FibExpr
  | RawExpr;

/** How one expression kind goes to and from its NFTA_EXPR_DATA attributes. */
export interface ExprCodec<T extends NftExpr> {
  /** NFTA_EXPR_NAME, e.g. 'payload'. */
  readonly name: string;
  encode(expr: T): Uint8Array[];
  decode(attributes: ReadonlyMap<number, RawAttribute>, path: readonly string[]): T;
}
