import type { IpFamily } from '@cni-ts/spec-types';
import type { CommandResult, FirewallExecOptions } from '../command-runner.ts';
import { tryToolAsync } from '../command-runner-async.ts';
import { classifyFailure, FirewallError } from '../firewall-error.ts';
import { type AppendedRule, appendRulesOverNetlink } from './append-rules-nft.ts';
import {
  type FilterStep,
  filterStepLine,
  listedTableState,
  planChanges,
  type TableState,
} from './filter-plan.ts';
import { IPTABLES_OP, iptablesArgs, iptablesTool } from './iptables-args.ts';
import { RESTORE_ARGS, restoreTool, tryRestoreAsync } from './restore.ts';

// Applying FilterSteps to one family: list the table (`iptables -t <table> -S --wait`),
// plan, write one `*-restore --noflush` batch. A batch applies completely or not at all;
// when another writer changed the table in between (the batch fails with "exists" or
// "not found"), list and plan again, a bounded number of times.

const ATTEMPTS = 3;

/** `iptables -t <table> -S` as run, without waiting: its exit status and output. */
export function startTableListing(
  family: IpFamily,
  table: string,
  options: FirewallExecOptions = {},
): Promise<CommandResult> {
  return tryToolAsync(iptablesTool(family), iptablesArgs(table, IPTABLES_OP.LIST_RULES), options);
}

/** A listing's output; a failed listing is a FirewallError. */
function listingOutput(family: IpFamily, table: string, result: CommandResult): string {
  if (result.exitCode !== 0) {
    const args = iptablesArgs(table, IPTABLES_OP.LIST_RULES);
    throw new FirewallError(iptablesTool(family), args, result.exitCode, result.stderr);
  }
  return result.stdout;
}

/**
 * `iptables -t <table> -S`, started now, read as far as `steps` can ask (listedTableState:
 * every chain, and the rules of the chains the steps have rules in); a failure is a
 * FirewallError.
 */
export async function listTableStateAsync(
  family: IpFamily,
  table: string,
  steps: readonly FilterStep[],
  options: FirewallExecOptions = {},
): Promise<TableState> {
  const listing = await startTableListing(family, table, options);
  return listedTableState(listingOutput(family, table, listing), steps);
}

function restoreError(family: IpFamily, result: CommandResult): FirewallError {
  return new FirewallError(restoreTool(family), RESTORE_ARGS, result.exitCode, result.stderr);
}

/** The rules of `changes` when every change appends one, else undefined. */
function onlyAppends(changes: readonly FilterStep[]): AppendedRule[] | undefined {
  const rules: AppendedRule[] = [];
  for (const change of changes) {
    if (change.kind !== 'append') return undefined;
    rules.push({ chain: change.chain, rule: change.rule });
  }
  return rules;
}

/**
 * Brings one family's `table` to what `steps` ask for, in one batch (none if nothing lacks).
 * `listed`: the table's listing, taken in the same namespace shortly before (a prefetch);
 * the first plan uses it instead of listing again.
 */
export async function applyFilterSteps(
  family: IpFamily,
  table: string,
  steps: readonly FilterStep[],
  options: FirewallExecOptions = {},
  listed?: CommandResult,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const listing =
      attempt === 1 && listed !== undefined
        ? listed
        : await startTableListing(family, table, options);
    const state = listedTableState(listingOutput(family, table, listing), steps);
    const changes = planChanges(state, steps);
    if (changes.length === 0) return;
    // Only appends to chains that are there (every firewall ADD after a host's first):
    // iptables-nft's rules written over netlink, without a restore process.
    const appended = onlyAppends(changes);
    if (appended !== undefined && appendRulesOverNetlink(family, table, appended, options)) return;
    // A loop, not map(): every iptables ADD plans (issue 22).
    const lines: string[] = [];
    for (const change of changes) lines.push(filterStepLine(change));
    const result = await tryRestoreAsync(family, table, lines, options);
    if (result.exitCode === 0) return;
    const code = classifyFailure(result.exitCode, result.stderr);
    if (attempt >= ATTEMPTS || (code !== 'exists' && code !== 'not-found')) {
      throw restoreError(family, result);
    }
  }
}
