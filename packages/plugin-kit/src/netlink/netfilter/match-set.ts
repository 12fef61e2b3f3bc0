import { NFT_REG } from './constants.ts';
import { NFT_LOOKUP_F_INV } from './expr/lookup.ts';
import { NFT_META } from './expr/meta.ts';
import { NFT_PAYLOAD_BASE } from './expr/payload.ts';
import type { LookupExpr, NftExpr } from './expr/types.ts';
import { nfprotoIs } from './match.ts';

// Builders of the expression runs nft(8) emits for set and map matches: a field loaded into
// register 1, then looked up (`ip saddr @allowed`, `tcp dport vmap @ports`).

const IPV4_HEADER = { saddr: 12, daddr: 16 } as const;
const IPV6_HEADER = { saddr: 8, daddr: 24 } as const;
const L4_PORT = { sport: 0, dport: 2 } as const;
const IPPROTO = { tcp: 6, udp: 17 } as const;

/** Which set a lookup names: by name, and by id when it is created in the same batch. */
export interface NftSetTarget {
  readonly set: string;
  readonly setId?: number;
}

/** `ip|ip6 saddr|daddr` loaded into register 1, after the nfproto guard unless `guard` is false. */
export function ipLoad(family: 4 | 6, field: 'saddr' | 'daddr', guard = true): NftExpr[] {
  const v4 = family === 4;
  return [
    ...(guard ? nfprotoIs(family) : []),
    {
      kind: 'payload',
      base: NFT_PAYLOAD_BASE.NETWORK_HEADER,
      offset: (v4 ? IPV4_HEADER : IPV6_HEADER)[field],
      len: v4 ? 4 : 16,
      dreg: NFT_REG.R1,
    },
  ];
}

/** `tcp|udp sport|dport` loaded into register 1, after `meta l4proto tcp|udp`. */
export function l4PortLoad(proto: 'tcp' | 'udp', field: 'sport' | 'dport'): NftExpr[] {
  return [
    { kind: 'meta', key: NFT_META.L4PROTO, dreg: NFT_REG.R1 },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'eq', data: Uint8Array.of(IPPROTO[proto]) },
    {
      kind: 'payload',
      base: NFT_PAYLOAD_BASE.TRANSPORT_HEADER,
      offset: L4_PORT[field],
      len: 2,
      dreg: NFT_REG.R1,
    },
  ];
}

/** `… @set` (or `… != @set` with `invert`): register 1 looked up in the set. */
export function inSet(target: NftSetTarget & { readonly invert?: boolean }): LookupExpr {
  return {
    kind: 'lookup',
    set: target.set,
    sreg: NFT_REG.R1,
    ...(target.setId === undefined ? {} : { setId: target.setId }),
    ...(target.invert === true ? { flags: NFT_LOOKUP_F_INV } : {}),
  };
}

/** `… vmap @map`: register 1 looked up in a verdict map, its verdict applied. */
export function verdictMap(target: NftSetTarget): LookupExpr {
  return {
    kind: 'lookup',
    set: target.set,
    sreg: NFT_REG.R1,
    dreg: NFT_REG.VERDICT,
    ...(target.setId === undefined ? {} : { setId: target.setId }),
  };
}
