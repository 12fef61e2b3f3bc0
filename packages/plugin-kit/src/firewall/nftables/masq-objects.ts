import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { NF_INET } from '../../netlink/netfilter/constants.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { ipMatch, masquerade, verdict } from '../../netlink/netfilter/match.ts';
import { type MasqAddress, MULTICAST_NETWORK } from '../masq-address.ts';
import { NFT_MASQ } from './nft-names.ts';

// The kernel objects of upstream's nftables masquerade (reference-plugins.md §4), built with
// the nf_tables layer: the same table, chains, rules and comments knftables makes from its
// text, so `nft list` shows upstream's ruleset (a netns test compares them).

const TABLE = { family: NFT_MASQ.FAMILY, table: NFT_MASQ.TABLE } as const;

/** `ip saddr == IP ip daddr != SUBNET masquerade` (ip6 alike): one container address. */
export function masqRuleExprs(address: Pick<MasqAddress, 'ip' | 'network'>): NftExpr[] {
  return [
    ...ipMatch({ field: 'saddr', address: address.ip, op: 'eq' }),
    ...ipMatch({ field: 'daddr', address: address.network, op: 'neq', guard: false }),
    masquerade,
  ];
}

/** The three rules of the postrouting base chain: multicast returns, then goto masq_checks. */
export function postroutingRules(): NftExpr[][] {
  return [
    [
      ...ipMatch({ field: 'daddr', address: MULTICAST_NETWORK[4], op: 'eq' }),
      verdict({ code: 'return' }),
    ],
    [
      ...ipMatch({ field: 'daddr', address: MULTICAST_NETWORK[6], op: 'eq' }),
      verdict({ code: 'return' }),
    ],
    [verdict({ code: 'goto', chain: NFT_MASQ.CHAIN })],
  ];
}

/** Appends deletes of masq_checks rules by handle. */
export function deleteMasqRules(batch: NftBatch, handles: readonly number[]): NftBatch {
  for (const handle of handles) batch.deleteRule({ ...TABLE, chain: NFT_MASQ.CHAIN, handle });
  return batch;
}

/**
 * What of the shared objects the setup transaction must (re)make: `shared` the table and
 * both chains, `postrouting` the postrouting chain's rules (flushed and written again).
 * Upstream does both on every ADD; when the kernel already holds them exactly, leaving them
 * out gives the same ruleset (only handles differ) from a transaction that only adds.
 */
export interface MasqSetupScope {
  readonly shared: boolean;
  readonly postrouting: boolean;
}

/** Upstream's scope: make and rewrite everything. */
export const FULL_MASQ_SETUP: MasqSetupScope = { shared: true, postrouting: true };

/**
 * The setup transaction: the table and both chains (kept when present), the postrouting
 * chain rewritten, the attachment's stale rules deleted and one rule per address added
 * with the attachment's comment, each shared part only where `scope` asks for it. The
 * kernel applies it whole or not at all.
 */
export function masqSetupBatch(
  staleHandles: readonly number[],
  addresses: readonly Pick<MasqAddress, 'ip' | 'network'>[],
  comment: string,
  scope: MasqSetupScope = FULL_MASQ_SETUP,
): NftBatch {
  const batch = new NftBatch();
  if (scope.shared) {
    batch
      .addTable({ family: TABLE.family, name: TABLE.table, comment: NFT_MASQ.TABLE_COMMENT })
      .addChain({ ...TABLE, name: NFT_MASQ.CHAIN, comment: NFT_MASQ.CHAIN_COMMENT })
      .addChain({
        ...TABLE,
        name: NFT_MASQ.POSTROUTING,
        type: 'nat',
        hook: { hooknum: NF_INET.POST_ROUTING, priority: NFT_MASQ.SRCNAT_PRIORITY },
      });
  }
  if (scope.postrouting) {
    batch.flushChain({ ...TABLE, name: NFT_MASQ.POSTROUTING });
    for (const exprs of postroutingRules()) {
      batch.addRule({ ...TABLE, chain: NFT_MASQ.POSTROUTING, exprs });
    }
  }
  deleteMasqRules(batch, staleHandles);
  for (const address of addresses) {
    batch.addRule({ ...TABLE, chain: NFT_MASQ.CHAIN, exprs: masqRuleExprs(address), comment });
  }
  return batch;
}
