import type { NftBatch } from '../../netlink/netfilter/batch.ts';
import { NF_INET } from '../../netlink/netfilter/constants.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import type { NftFamily } from '../../netlink/netfilter/family.ts';
import { ipMatch, masquerade, verdict } from '../../netlink/netfilter/match.ts';
import { dnatTo, dportIs, fibDaddrLocal } from '../../netlink/netfilter/match-nat.ts';
import type { MasqAddress } from '../masq-address.ts';
import { nftConditionExprs } from './nft-conditions.ts';
import { mappingApplies } from './portmap-iptables-rules.ts';
import type { PortMapTarget } from './portmap-types.ts';

// The nftables layout of upstream's portmap (reference-plugins.md §2.3): per family a table
// `ip|ip6 cni_hostport` with the regular chains hostports (one DNAT rule per mapping),
// hostip_hostports (kept empty, as upstream now does) and hostports_all (jumps to both),
// the base chains prerouting and output (nat, dstnat) that jump to hostports_all for
// packets addressed to this host, and masquerading (nat, srcnat) for hairpin and localhost
// sources. Every per-attachment rule carries the container id as its comment. Unlike
// upstream before v1.9.0 (CVE-2025-67499) a mapping matches the destination: its hostIP,
// or, through `fib daddr type local`, an address of the host.

export const NFT_PORTMAP = {
  TABLE: 'cni_hostport',
  TABLE_COMMENT: 'CNI portmap plugin',
  HOSTPORTS: 'hostports',
  HOSTIP_HOSTPORTS: 'hostip_hostports',
  HOSTPORTS_ALL: 'hostports_all',
  PREROUTING: 'prerouting',
  OUTPUT: 'output',
  MASQUERADING: 'masquerading',
  DSTNAT: -100,
  SRCNAT: 100,
} as const;

/** The chains whose rules belong to attachments (found by comment on DEL). */
export const ATTACHMENT_CHAINS: readonly string[] = [
  NFT_PORTMAP.HOSTPORTS,
  NFT_PORTMAP.HOSTIP_HOSTPORTS,
  NFT_PORTMAP.MASQUERADING,
];

export function nftFamily(family: 4 | 6): NftFamily {
  return family === 4 ? 'ip' : 'ip6';
}

/** One rule of an attachment: its chain and expressions. */
export interface PortMapNftRule {
  readonly chain: string;
  readonly exprs: readonly NftExpr[];
}

/** The base chains' rule: `[conditions] fib daddr type local jump hostports_all`. */
export function entryExprs(target: PortMapTarget, family: 4 | 6): NftExpr[] {
  return [
    ...nftConditionExprs(target.conditions?.[family] ?? [], family),
    ...fibDaddrLocal(),
    verdict({ code: 'jump', chain: NFT_PORTMAP.HOSTPORTS_ALL }),
  ];
}

/** The attachment's rules for one container address, in order. */
export function attachmentRules(target: PortMapTarget, address: MasqAddress): PortMapNftRule[] {
  const rules: PortMapNftRule[] = [];
  for (const entry of target.mappings) {
    const dst = mappingApplies(entry, address.family);
    if (dst === undefined) continue;
    const daddr =
      dst.length === 0
        ? []
        : ipMatch({ field: 'daddr', address: dst[1] ?? '', op: 'eq', guard: false });
    rules.push({
      chain: NFT_PORTMAP.HOSTPORTS,
      exprs: [
        ...daddr,
        ...dportIs(entry.protocol, entry.hostPort),
        ...dnatTo(address.ip, entry.containerPort),
      ],
    });
  }
  if (target.snat && rules.length > 0) {
    const toContainer = ipMatch({ field: 'daddr', address: address.ip, op: 'eq', guard: false });
    const from = (source: string) =>
      ipMatch({ field: 'saddr', address: source, op: 'eq', guard: false });
    const sources = target.masqAll
      ? [[]]
      : [from(address.ip), ...(address.family === 4 ? [from('127.0.0.1')] : [])];
    for (const source of sources) {
      rules.push({
        chain: NFT_PORTMAP.MASQUERADING,
        exprs: [...source, ...toContainer, masquerade],
      });
    }
  }
  return rules;
}

/**
 * What of one family's shared objects ADD must (re)make: `shared` the table and chains,
 * `entries` the rules of hostports_all, prerouting and output (flushed and written again).
 * Upstream does both on every ADD; when the kernel already holds them exactly, leaving them
 * out gives the same ruleset (handles aside) from a transaction that only adds and deletes
 * the attachment's own rules.
 */
export interface PortMapSetupScope {
  readonly shared: boolean;
  readonly entries: boolean;
}

/** Upstream's scope: make and rewrite everything. */
export const FULL_PORTMAP_SETUP: PortMapSetupScope = { shared: true, entries: true };

/** The rules hostports_all holds, in order: jumps to hostip_hostports and hostports. */
export function hostportsAllRules(): NftExpr[][] {
  return [
    [verdict({ code: 'jump', chain: NFT_PORTMAP.HOSTIP_HOSTPORTS })],
    [verdict({ code: 'jump', chain: NFT_PORTMAP.HOSTPORTS })],
  ];
}

/** The base chains ADD makes, with their hook and priority (masquerading only with snat). */
export function portMapBaseChains(
  snat: boolean,
): readonly { name: string; hooknum: number; priority: number }[] {
  return [
    { name: NFT_PORTMAP.PREROUTING, hooknum: NF_INET.PRE_ROUTING, priority: NFT_PORTMAP.DSTNAT },
    { name: NFT_PORTMAP.OUTPUT, hooknum: NF_INET.LOCAL_OUT, priority: NFT_PORTMAP.DSTNAT },
    ...(snat
      ? [
          {
            name: NFT_PORTMAP.MASQUERADING,
            hooknum: NF_INET.POST_ROUTING,
            priority: NFT_PORTMAP.SRCNAT,
          },
        ]
      : []),
  ];
}

/** The regular chains ADD makes. */
export const PORTMAP_REGULAR_CHAINS: readonly string[] = [
  NFT_PORTMAP.HOSTPORTS,
  NFT_PORTMAP.HOSTIP_HOSTPORTS,
  NFT_PORTMAP.HOSTPORTS_ALL,
];

/**
 * One family's part of ADD: the table and chains (kept when present), the base chains and
 * hostports_all rewritten (each only where `scope` asks), the attachment's old rules
 * (`stale` handles) deleted and its rules added with the container id as comment.
 */
export function addSetup(
  batch: NftBatch,
  target: PortMapTarget,
  address: MasqAddress,
  stale: readonly { chain: string; handle: number }[],
  scope: PortMapSetupScope = FULL_PORTMAP_SETUP,
): NftBatch {
  const family = nftFamily(address.family);
  const table = { family, table: NFT_PORTMAP.TABLE } as const;
  if (scope.shared) {
    batch.addTable({ family, name: NFT_PORTMAP.TABLE, comment: NFT_PORTMAP.TABLE_COMMENT });
    for (const name of PORTMAP_REGULAR_CHAINS) batch.addChain({ ...table, name });
    for (const { name, hooknum, priority } of portMapBaseChains(target.snat)) {
      batch.addChain({ ...table, name, type: 'nat', hook: { hooknum, priority } });
    }
  }
  if (scope.entries) {
    for (const name of [NFT_PORTMAP.HOSTPORTS_ALL, NFT_PORTMAP.PREROUTING, NFT_PORTMAP.OUTPUT]) {
      batch.flushChain({ ...table, name });
    }
    for (const exprs of hostportsAllRules()) {
      batch.addRule({ ...table, chain: NFT_PORTMAP.HOSTPORTS_ALL, exprs });
    }
    const entry = entryExprs(target, address.family);
    for (const chain of [NFT_PORTMAP.PREROUTING, NFT_PORTMAP.OUTPUT]) {
      batch.addRule({ ...table, chain, exprs: entry });
    }
  }
  for (const rule of stale) batch.deleteRule({ ...table, chain: rule.chain, handle: rule.handle });
  for (const rule of attachmentRules(target, address)) {
    batch.addRule({ ...table, chain: rule.chain, exprs: rule.exprs, comment: target.containerId });
  }
  return batch;
}
