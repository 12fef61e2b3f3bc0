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
 * One family's part of ADD: the table and chains (kept when present), the base chains and
 * hostports_all rewritten, the attachment's old rules (`stale` handles) deleted and its
 * rules added with the container id as comment.
 */
export function addSetup(
  batch: NftBatch,
  target: PortMapTarget,
  address: MasqAddress,
  stale: readonly { chain: string; handle: number }[],
): NftBatch {
  const family = nftFamily(address.family);
  const table = { family, table: NFT_PORTMAP.TABLE } as const;
  batch.addTable({ family, name: NFT_PORTMAP.TABLE, comment: NFT_PORTMAP.TABLE_COMMENT });
  for (const name of [
    NFT_PORTMAP.HOSTPORTS,
    NFT_PORTMAP.HOSTIP_HOSTPORTS,
    NFT_PORTMAP.HOSTPORTS_ALL,
  ]) {
    batch.addChain({ ...table, name });
  }
  const nat = (name: string, hooknum: number, priority: number) =>
    batch.addChain({ ...table, name, type: 'nat', hook: { hooknum, priority } });
  nat(NFT_PORTMAP.PREROUTING, NF_INET.PRE_ROUTING, NFT_PORTMAP.DSTNAT);
  nat(NFT_PORTMAP.OUTPUT, NF_INET.LOCAL_OUT, NFT_PORTMAP.DSTNAT);
  if (target.snat) nat(NFT_PORTMAP.MASQUERADING, NF_INET.POST_ROUTING, NFT_PORTMAP.SRCNAT);
  for (const name of [NFT_PORTMAP.HOSTPORTS_ALL, NFT_PORTMAP.PREROUTING, NFT_PORTMAP.OUTPUT]) {
    batch.flushChain({ ...table, name });
  }
  for (const chain of [NFT_PORTMAP.HOSTIP_HOSTPORTS, NFT_PORTMAP.HOSTPORTS]) {
    batch.addRule({
      ...table,
      chain: NFT_PORTMAP.HOSTPORTS_ALL,
      exprs: [verdict({ code: 'jump', chain })],
    });
  }
  const entry = entryExprs(target, address.family);
  for (const chain of [NFT_PORTMAP.PREROUTING, NFT_PORTMAP.OUTPUT]) {
    batch.addRule({ ...table, chain, exprs: entry });
  }
  for (const rule of stale) batch.deleteRule({ ...table, chain: rule.chain, handle: rule.handle });
  for (const rule of attachmentRules(target, address)) {
    batch.addRule({ ...table, chain: rule.chain, exprs: rule.exprs, comment: target.containerId });
  }
  return batch;
}
