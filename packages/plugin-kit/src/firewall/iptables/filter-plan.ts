import { restoreLine } from './restore.ts';
import { ruleIdentity } from './rule-identity.ts';
import { parseRuleLine, type RuleLine } from './rule-line.ts';

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

/**
 * The state of an `iptables -S` listing as far as `steps` can tell: every chain, and the
 * rules of the chains the steps have rules in. A rule's identity starts with its chain, so
 * no rule of another chain can be one a step asks about, and those lines are not parsed (a
 * host's table may hold hundreds of them: other containers' rules, kube-proxy's).
 */
export function listedTableState(text: string, steps: readonly FilterStep[]): TableState {
  const wanted = new Set<string>();
  for (const step of steps) if (step.kind !== 'chain') wanted.add(step.chain);
  const chains = new Set<string>();
  const rules = new Set<string>();
  for (const text_ of text.split('\n')) {
    const line = text_.trim();
    if (line.startsWith('-A ')) {
      const end = line.indexOf(' ', 3);
      if (end < 0 || !wanted.has(line.slice(3, end))) continue;
    } else if (!line.startsWith('-N ') && !line.startsWith('-P ')) {
      continue;
    }
    const parsed = parseRuleLine(line);
    if (parsed === undefined) continue;
    if (parsed.op === '-A') rules.add(ruleIdentity(parsed.chain, parsed.rule));
    else chains.add(parsed.chain);
  }
  return { chains, rules };
}

/**
 * The steps that bring `listing` to what `steps` ask for, in order (empty: nothing to do):
 * a chain that is missing, a rule that is missing, a rule to delete that is there.
 */
export function planFilterChanges(
  listing: readonly RuleLine[],
  steps: readonly FilterStep[],
): FilterStep[] {
  return planChanges(tableState(listing), steps);
}

/** {@link planFilterChanges} from a table's state (which it uses up). */
export function planChanges(state: TableState, steps: readonly FilterStep[]): FilterStep[] {
  const { chains, rules } = state;
  const changes: FilterStep[] = [];
  for (const step of steps) {
    if (step.kind === 'chain') {
      if (chains.has(step.chain)) continue;
      chains.add(step.chain);
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

/** The restore lines that bring `listing` to what `steps` ask for (empty: nothing to do). */
export function planFilterLines(
  listing: readonly RuleLine[],
  steps: readonly FilterStep[],
): string[] {
  // A loop, not map(): every iptables ADD plans (issue 22).
  const lines: string[] = [];
  for (const change of planFilterChanges(listing, steps)) lines.push(filterStepLine(change));
  return lines;
}

/** The first step of `steps` (chains, inserts, appends) that `listing` lacks, if any. */
export function firstMissingStep(
  listing: readonly RuleLine[],
  steps: readonly FilterStep[],
): FilterStep | undefined {
  return firstMissing(tableState(listing), steps);
}

/** {@link firstMissingStep} from a table's state (listedTableState). */
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
