import { restoreLine } from './restore.ts';
import { ruleIdentity } from './rule-identity.ts';
import type { RuleLine } from './rule-line.ts';

// Changes to the filter table written as go-iptables' idempotent helpers would make them
// (EnsureChain, InsertUnique at the top, AppendUnique, Delete ignoring absence), but
// decided from one `iptables -S` listing and written as one restore batch. The plan
// replays the steps on the listing, so a rule two steps both want is written once.

/** One idempotent change to a table. */
export type FilterStep =
  | { readonly kind: 'chain'; readonly chain: string }
  | { readonly kind: 'insert'; readonly chain: string; readonly rule: readonly string[] }
  | { readonly kind: 'append'; readonly chain: string; readonly rule: readonly string[] }
  | { readonly kind: 'delete'; readonly chain: string; readonly rule: readonly string[] };

/** What a listing holds: chain names (built-in and user) and rule identities. */
export interface TableState {
  readonly chains: Set<string>;
  readonly rules: Set<string>;
}

export function tableState(listing: readonly RuleLine[]): TableState {
  const chains = new Set<string>();
  const rules = new Set<string>();
  for (const line of listing) {
    if (line.op === '-A') rules.add(ruleIdentity(line.chain, line.rule));
    else chains.add(line.chain);
  }
  return { chains, rules };
}

/** The restore lines that bring `listing` to what `steps` ask for (empty: nothing to do). */
export function planFilterLines(
  listing: readonly RuleLine[],
  steps: readonly FilterStep[],
): string[] {
  const { chains, rules } = tableState(listing);
  const lines: string[] = [];
  for (const step of steps) {
    if (step.kind === 'chain') {
      if (chains.has(step.chain)) continue;
      chains.add(step.chain);
      lines.push(restoreLine('-N', step.chain));
      continue;
    }
    const identity = ruleIdentity(step.chain, step.rule);
    if (step.kind === 'delete') {
      if (!rules.has(identity)) continue;
      rules.delete(identity);
      lines.push(restoreLine('-D', step.chain, step.rule));
      continue;
    }
    // A rule in a chain that is gone would fail the batch; such a step is a no-op for DEL
    // only, so setup steps always come after their chain's step.
    if (rules.has(identity)) continue;
    rules.add(identity);
    lines.push(
      step.kind === 'insert'
        ? restoreLine('-I', step.chain, ['1', ...step.rule])
        : restoreLine('-A', step.chain, step.rule),
    );
  }
  return lines;
}

/** The first step of `steps` (chains, inserts, appends) that `listing` lacks, if any. */
export function firstMissingStep(
  listing: readonly RuleLine[],
  steps: readonly FilterStep[],
): FilterStep | undefined {
  const { chains, rules } = tableState(listing);
  return steps.find((step) =>
    step.kind === 'chain'
      ? !chains.has(step.chain)
      : step.kind !== 'delete' && !rules.has(ruleIdentity(step.chain, step.rule)),
  );
}
