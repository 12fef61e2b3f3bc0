import type { IpFamily } from '@cni-ts/spec-types';
import { NftBatch } from '../../netlink/netfilter/batch.ts';
import type { NftRuleSpec } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { isIptablesNft } from './chain-probe.ts';
import { iptablesNftExprs } from './iptables-nft-exprs.ts';
import { restoreTool } from './restore.ts';

// Appending rules to existing filter chains the way iptables-nft appends them, in one
// nf_tables transaction instead of an `iptables-restore` process. A firewall ADD on a host
// whose chains are there (every container after the first) only appends the container's
// two rules to CNI-FORWARD; the restore process for them was most of that ADD's time after
// the listing. The listing (`iptables -S`, prefetched while the plugin starts) still decides
// what is missing; only the writing changes. The rules are the bytes iptables-nft 1.8
// writes (iptables-nft-exprs.ts; a netns test compares both in the kernel), so iptables
// lists, checks and deletes them as its own.

/** One rule to append: a chain of the table and the rule's iptables words. */
export interface AppendedRule {
  readonly chain: string;
  readonly rule: readonly string[];
}

/**
 * Appends `rules` (in order) to their chains of `table` for `family` in one nf_tables
 * transaction, as `iptables -A` would. False, with nothing written, when only the tool can
 * do it: iptables is not iptables-nft, a test's command runner is set, a rule has a form
 * the encoder does not know, or the kernel refused the batch (say, a chain the listing
 * showed is gone); the caller then runs the restore as before.
 */
export function appendRulesOverNetlink(
  family: IpFamily,
  table: string,
  rules: readonly AppendedRule[],
  options: FirewallExecOptions,
): boolean {
  if (rules.length === 0) return true;
  if (options.runner !== undefined || !isIptablesNft(restoreTool(family))) return false;
  const nftFamily = family === 4 ? 'ip' : 'ip6';
  const specs: NftRuleSpec[] = [];
  for (const { chain, rule } of rules) {
    const exprs = iptablesNftExprs(family, rule);
    if (exprs === undefined) return false;
    specs.push({ family: nftFamily, table, chain, exprs });
  }
  try {
    withNftSocket(options, (sock) => {
      const batch = new NftBatch();
      for (const spec of specs) batch.addRule(spec);
      sock.commit(batch);
    });
  } catch {
    return false;
  }
  return true;
}
