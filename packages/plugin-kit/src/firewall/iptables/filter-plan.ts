import { listingIndex } from './listing-index.ts';
import { restoreLine } from './restore.ts';
import { ruleIdentity } from './rule-identity.ts';

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

/**
 * What a listing holds as far as a plan asks: every chain, and the identities of the rules
 * of the chains the steps have rules in (listing-index.ts: no other line is parsed).
 */
export interface TableState {
  readonly chains: ReadonlySet<string>;
  /** Fresh for each state: planChanges replays the steps on it. */
  readonly rules: Set<string>;
}

/** The state of `iptables -S` output for `steps`. */
export function listedTableState(text: string, steps: readonly FilterStep[]): TableState {
  const index = listingIndex(text);
  const rules = new Set<string>();
  const read = new Set<string>();
  for (const step of steps) {
    if (step.kind === 'chain' || read.has(step.chain)) continue;
    read.add(step.chain);
    for (const identity of index.identitiesOf(step.chain)) rules.add(identity);
  }
  return { chains: index.chains, rules };
}

/**
 * The steps that bring the table to what `steps` ask for, in order (empty: nothing to do):
 * a chain that is missing, a rule that is missing, a rule to delete that is there. The
 * steps are replayed on the state (its rules are used up), so a rule two steps both want
 * is written once.
 */
export function planChanges(state: TableState, steps: readonly FilterStep[]): FilterStep[] {
  const made = new Set<string>();
  const { rules } = state;
  const changes: FilterStep[] = [];
  for (const step of steps) {
    if (step.kind === 'chain') {
      if (state.chains.has(step.chain) || made.has(step.chain)) continue;
      made.add(step.chain);
      changes.push(step);
      continue;
    }
    const identity = ruleIdentity(step.chain, step.rule);
    if (step.kind === 'delete') {
      if (!rules.has(identity)) continue;
      rules.delete(identity);
      changes.push(step);
      continue;
    }
    // A rule in a chain that is gone would fail the batch; such a step is a no-op for DEL
    // only, so setup steps always come after their chain's step.
    if (rules.has(identity)) continue;
    rules.add(identity);
    changes.push(step);
  }
  return changes;
}

/** A change as a restore line (`-N`, `-I chain 1`, `-A`, `-D`). */
export function filterStepLine(step: FilterStep): string {
  if (step.kind === 'chain') return restoreLine('-N', step.chain);
  if (step.kind === 'insert') return restoreLine('-I', step.chain, ['1', ...step.rule]);
  return restoreLine(step.kind === 'append' ? '-A' : '-D', step.chain, step.rule);
}

/** The first of `steps` (chains and rules to have) the table lacks; undefined when none. */
export function firstMissing(
  state: TableState,
  steps: readonly FilterStep[],
): FilterStep | undefined {
  const { chains, rules } = state;
  return steps.find((step) =>
    step.kind === 'chain'
      ? !chains.has(step.chain)
      : step.kind !== 'delete' && !rules.has(ruleIdentity(step.chain, step.rule)),
  );
}
