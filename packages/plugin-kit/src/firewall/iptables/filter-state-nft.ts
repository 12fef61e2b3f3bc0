import type { IpFamily } from '@cni-ts/spec-types';
import { listNftChains } from '../../netlink/netfilter/chain.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { listNftRules } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { isIptablesNft } from './chain-probe.ts';
import type { FilterStep, TableState } from './filter-plan.ts';
import {
  iptablesNftExprs,
  isIptablesNftRule,
  resemblesSignature,
  ruleSignature,
} from './iptables-nft-exprs.ts';
import { restoreTool } from './restore.ts';
import { ruleIdentity } from './rule-identity.ts';

// What `iptables -t <table> -S` would tell a plan, read over netlink where iptables is
// iptables-nft: the table's chains, and which of the steps' rules are already there. One
// iptables process (about 3 ms) fewer per ADD. Only when every step's rule has a known
// encoding (iptables-nft-exprs.ts); and when a rule of a step's chain looks like one of
// the steps' rules (the same addresses or interface names, or the same comment on a rule
// without them) but is not exactly it, the encoding may be another iptables version's,
// so the tool is asked after all.

interface Wanted {
  readonly chain: string;
  readonly identity: string;
  readonly exprs: NftExpr[];
  readonly signature: ReturnType<typeof ruleSignature>;
}

/** Thrown inside the socket's use when the tool has to decide. */
class ToolDecides extends Error {}

/**
 * The table's state for planning `steps`, read over netlink; undefined when the tool has
 * to list it: iptables is not iptables-nft, a test's command runner is in use, a step's
 * rule has a form not known here, a rule looks like one of the steps' rules without being
 * it, or the kernel could not be asked.
 */
export function filterStateOverNetlink(
  family: IpFamily,
  table: string,
  steps: readonly FilterStep[],
  options: FirewallExecOptions,
): TableState | undefined {
  if (options.runner !== undefined || !isIptablesNft(restoreTool(family))) return undefined;
  const wanted: Wanted[] = [];
  for (const step of steps) {
    if (step.kind === 'chain') continue;
    const exprs = iptablesNftExprs(family, step.rule);
    if (exprs === undefined) return undefined;
    wanted.push({
      chain: step.chain,
      identity: ruleIdentity(step.chain, step.rule),
      exprs,
      signature: ruleSignature(exprs),
    });
  }
  const filter = { family: family === 4 ? 'ip' : 'ip6', table } as const;
  try {
    return withNftSocket(options, (sock) => {
      const chains = new Set<string>();
      for (const chain of listNftChains(sock, filter)) chains.add(chain.name);
      const rules = new Set<string>();
      if (chains.size === 0) return { chains, rules };
      for (const rule of listNftRules(sock, filter)) {
        let known = false;
        let resembles = false;
        for (const want of wanted) {
          if (want.chain !== rule.chain) continue;
          if (isIptablesNftRule(rule, want.exprs)) {
            rules.add(want.identity);
            known = true;
          } else if (resemblesSignature(rule, want.signature)) {
            resembles = true;
          }
        }
        if (resembles && !known) throw new ToolDecides();
      }
      return { chains, rules };
    });
  } catch {
    return undefined;
  }
}
