import type { IpFamily } from '@cni-ts/spec-types';
import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { retryOnNewGeneration } from '../../netlink/netfilter/generation.ts';
import { listNftRules } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { isIptablesNft } from './chain-probe.ts';
import { addressRules, CNI_FORWARD_CHAIN } from './cni-firewall-rules.ts';
import {
  type IptablesNftPattern,
  iptablesNftExprs,
  iptablesNftPattern,
  matchesIptablesNftPattern,
} from './iptables-nft-exprs.ts';
import { restoreTool } from './restore.ts';

// The firewall's two per-address rules (cni-firewall-rules.ts) as iptables-nft keeps them
// in nf_tables, so that DEL can find and delete them over netlink instead of running
// iptables-restore. iptables-restore's deletion is its own transaction, and the tool then
// waits out an RCU grace period as it closes its socket (10-14 ms here, see
// release-nft-socket.ts); our socket is released without that wait.
//
// Only iptables-nft 1.8's exact encoding is recognised (iptables-nft-exprs.ts): a rule in
// any other form is not taken for one of ours; when iptables is not iptables-nft, or the
// kernel cannot be asked, the caller runs the tool as before.

/**
 * Deletes the per-address rules of `cidrs` from CNI-FORWARD of iptables-nft's filter table
 * over netlink, the first rule of each as `iptables -D` would; without the table, the
 * chain or any rule in it there is nothing to delete. Returns false, having changed
 * nothing, when the tool has to do it: iptables is not iptables-nft, a test's command
 * runner is in use, one of the rules is not found in the encoding known here (gone, or
 * made by another iptables version), or the kernel could not be asked.
 */
export function deleteAddressRulesOverNetlink(
  family: IpFamily,
  cidrs: readonly string[],
  options: FirewallExecOptions,
): boolean {
  if (options.runner !== undefined || !isIptablesNft(restoreTool(family))) return false;
  // The rules as iptables-nft keeps them, in the order `iptables -D` would take them.
  const wanted: IptablesNftPattern[] = [];
  for (const cidr of cidrs) {
    for (const rule of addressRules(cidr)) {
      const exprs = iptablesNftExprs(family, rule);
      if (exprs === undefined) return false;
      wanted.push(iptablesNftPattern(exprs));
    }
  }
  const filter = { family: family === 4 ? 'ip' : 'ip6', table: 'filter' } as const;
  const chain = { ...filter, chain: CNI_FORWARD_CHAIN };
  try {
    withNftSocket(options, (sock) =>
      retryOnNewGeneration(sock, (genId) => {
        const rules = listNftRules(sock, chain);
        // No rule at all (the dump of a missing table or chain is empty): nothing to
        // delete, in whatever encoding.
        if (rules.length === 0) return;
        const batch = new NftBatch();
        const taken = new Set<number>();
        for (const pattern of wanted) {
          let found = false;
          for (const rule of rules) {
            if (taken.has(rule.handle) || !matchesIptablesNftPattern(rule, pattern)) continue;
            taken.add(rule.handle);
            batch.deleteRule({ ...chain, handle: rule.handle });
            found = true;
            break;
          }
          // Gone, or kept in an encoding this does not know (another iptables version):
          // only the tool can tell, so it decides, and nothing is deleted here.
          if (!found) throw new ToolDecides();
        }
        sock.commit(batch, { genId });
      }),
    );
  } catch {
    return false;
  }
  return true;
}

/** Thrown inside the transaction when the tool has to decide. */
class ToolDecides extends Error {}
