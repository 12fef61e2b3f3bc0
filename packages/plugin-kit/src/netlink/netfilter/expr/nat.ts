import { nla, read } from '../../codec/attributes.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { optionalU32be, required } from '../_attr.ts';
import type { ExprCodec, NatExpr } from './types.ts';

/** enum nft_nat_attributes. */
export const NFTA_NAT = {
  TYPE: 1,
  FAMILY: 2,
  REG_ADDR_MIN: 3,
  REG_ADDR_MAX: 4,
  REG_PROTO_MIN: 5,
  REG_PROTO_MAX: 6,
  FLAGS: 7,
} as const;

/** enum nft_nat_types. */
const TYPES = ['snat', 'dnat'] as const;

const OPTIONAL = [
  ['regAddrMin', NFTA_NAT.REG_ADDR_MIN],
  ['regAddrMax', NFTA_NAT.REG_ADDR_MAX],
  ['regProtoMin', NFTA_NAT.REG_PROTO_MIN],
  ['regProtoMax', NFTA_NAT.REG_PROTO_MAX],
  ['flags', NFTA_NAT.FLAGS],
] as const;

export const natCodec: ExprCodec<NatExpr> = {
  name: 'nat',
  encode(expr) {
    const out = [
      nla.u32be(NFTA_NAT.TYPE, TYPES.indexOf(expr.type)),
      nla.u32be(NFTA_NAT.FAMILY, expr.family),
    ];
    for (const [field, type] of OPTIONAL) {
      const value = expr[field];
      if (value !== undefined) out.push(nla.u32be(type, value));
    }
    return out;
  },
  decode(map, path) {
    const code = read.u32be(required(map, NFTA_NAT.TYPE, path), path);
    const type = TYPES[code];
    if (type === undefined) throw new DecodeError(path, `unknown nat type ${code}`);
    const expr: { -readonly [K in keyof NatExpr]: NatExpr[K] } = {
      kind: 'nat',
      type,
      family: read.u32be(required(map, NFTA_NAT.FAMILY, path), path),
    };
    for (const [field, attribute] of OPTIONAL) {
      const value = optionalU32be(map, attribute, path);
      if (value !== undefined) expr[field] = value;
    }
    return expr;
  },
};
