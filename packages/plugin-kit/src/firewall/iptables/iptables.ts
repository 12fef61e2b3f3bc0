import type { IpFamily } from '@cni-ts/spec-types';
import { type FirewallExecOptions, runTool, tryTool } from '../command-runner.ts';
import { FirewallError, isFirewallExists, isFirewallNotFound } from '../firewall-error.ts';
import { IPTABLES_OP, iptablesArgs, iptablesTool } from './iptables-args.ts';
import { parseRuleLine, type RuleLine } from './rule-line.ts';

// Thin verbs over the iptables/ip6tables executables, shaped like go-iptables: every call
// waits for the xtables lock, existence is tested with -C, listing uses -S.

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

/** The chains of a table, built-in (`-P`) and user-defined (`-N`), from `-S`. */
export function listChains(
  family: IpFamily,
  table: string,
  options: FirewallExecOptions = {},
): string[] {
  return listRules(family, table, undefined, options)
    .filter((line) => line.op === '-P' || line.op === '-N')
    .map((line) => line.chain);
}

/** `iptables -C`: true when the rule exists, false when it or its chain does not. */
export function ruleExists(
  family: IpFamily,
  table: string,
  chain: string,
  rule: readonly string[],
  options: FirewallExecOptions = {},
): boolean {
  const tool = iptablesTool(family);
  const args = iptablesArgs(table, IPTABLES_OP.CHECK, chain, rule);
  const result = tryTool(tool, args, options);
  if (result.exitCode === 0) return true;
  const error = new FirewallError(tool, args, result.exitCode, result.stderr);
  // -C answers "no" with exit status 1 (go-iptables' Exists) or a not-found message.
  if (result.exitCode === 1 || isFirewallNotFound(error)) return false;
  throw error;
}

/** Appends the rule unless it exists already (go-iptables' AppendUnique). */
export function appendUnique(
  family: IpFamily,
  table: string,
  chain: string,
  rule: readonly string[],
  options: FirewallExecOptions = {},
): void {
  if (ruleExists(family, table, chain, rule, options)) return;
  runTool(iptablesTool(family), iptablesArgs(table, IPTABLES_OP.APPEND, chain, rule), options);
}

/** Deletes one copy of the rule; a missing rule or chain is not an error. True if one went. */
export function deleteRuleIfExists(
  family: IpFamily,
  table: string,
  chain: string,
  rule: readonly string[],
  options: FirewallExecOptions = {},
): boolean {
  try {
    runTool(iptablesTool(family), iptablesArgs(table, IPTABLES_OP.DELETE, chain, rule), options);
    return true;
  } catch (error) {
    if (isFirewallNotFound(error)) return false;
    throw error;
  }
}

/** Creates the chain unless `-S` lists it already (a creation race is tolerated too). */
export function ensureChain(
  family: IpFamily,
  table: string,
  chain: string,
  options: FirewallExecOptions = {},
): void {
  if (listChains(family, table, options).includes(chain)) return;
  try {
    runTool(iptablesTool(family), iptablesArgs(table, IPTABLES_OP.NEW_CHAIN, chain), options);
  } catch (error) {
    if (!isFirewallExists(error)) throw error;
  }
}

/** Flushes and deletes the chain (`-F`, `-X`); a missing chain is not an error. */
export function removeChain(
  family: IpFamily,
  table: string,
  chain: string,
  options: FirewallExecOptions = {},
): void {
  for (const op of [IPTABLES_OP.FLUSH, IPTABLES_OP.DELETE_CHAIN]) {
    try {
      runTool(iptablesTool(family), iptablesArgs(table, op, chain), options);
    } catch (error) {
      if (!isFirewallNotFound(error)) throw error;
    }
  }
}
