import type { IpFamily } from '@cni-ts/spec-types';
import { type FirewallExecOptions, runTool } from '../command-runner.ts';
import { IPTABLES_OP, iptablesArgs, iptablesTool } from './iptables-args.ts';
import { parseRuleLine, type RuleLine } from './rule-line.ts';

// Reading iptables: `-S` lists, waiting for the xtables lock as go-iptables always does.
// Writing goes through restore batches (restore.ts).

/** `iptables -t <table> -S [chain]`, parsed line by line (unparsable lines are dropped). */
export function listRules(
  family: IpFamily,
  table: string,
  chain: string | undefined,
  options: FirewallExecOptions = {},
): RuleLine[] {
  const out = runTool(
    iptablesTool(family),
    iptablesArgs(table, IPTABLES_OP.LIST_RULES, chain),
    options,
  );
  return out
    .split('\n')
    .map(parseRuleLine)
    .filter((line) => line !== undefined);
}
