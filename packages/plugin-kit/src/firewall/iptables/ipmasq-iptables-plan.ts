import { restoreLine } from './restore.ts';
import { ruleIdentity } from './rule-identity.ts';
import { type RuleLine, ruleOption } from './rule-line.ts';

// The restore batches of the iptables masquerade backend, computed without running
// anything. Two kinds per operation: the optimistic batch written from the target alone
// (one process, right in the common case, refused as a whole by iptables otherwise), and
// the batch computed from a listing of the nat table (used when the optimistic one fails).

export const POSTROUTING = 'POSTROUTING';

/** One rule: the chain it goes in and its words in go-iptables' order. */
export interface MasqStep {
  readonly chain: string;
  readonly rule: readonly string[];
}

/** `-N chain` and every rule appended: right when the chain does not exist yet. */
export function freshSetupLines(chain: string, steps: readonly MasqStep[]): string[] {
  return [
    restoreLine('-N', chain),
    ...steps.map((step) => restoreLine('-A', step.chain, step.rule)),
  ];
}

function declares(lines: readonly RuleLine[], chain: string): boolean {
  return lines.some((line) => line.op === '-N' && line.chain === chain);
}

/**
 * What setup still has to do, given `iptables -t nat -S`: create the chain unless listed,
 * append each rule the listing lacks (go-iptables' AppendUnique). Empty when complete.
 */
export function setupLinesFromListing(
  lines: readonly RuleLine[],
  chain: string,
  steps: readonly MasqStep[],
): string[] {
  const present = new Set(
    lines.filter((line) => line.op === '-A').map((line) => ruleIdentity(line.chain, line.rule)),
  );
  const missing = steps.filter((step) => !present.has(ruleIdentity(step.chain, step.rule)));
  return [
    ...(declares(lines, chain) ? [] : [restoreLine('-N', chain)]),
    ...missing.map((step) => restoreLine('-A', step.chain, step.rule)),
  ];
}

/**
 * Delete the POSTROUTING jumps setup made for the known addresses, flush and delete the
 * chain. Refused as a whole when a jump is gone, the chain is missing or something else
 * still jumps to it (upstream's legacy `-s <ip/prefix>` form).
 */
export function knownTeardownLines(chain: string, jumps: readonly MasqStep[]): string[] {
  return [
    ...jumps.map((jump) => restoreLine('-D', jump.chain, jump.rule)),
    restoreLine('-F', chain),
    restoreLine('-X', chain),
  ];
}

/** True for a POSTROUTING rule that jumps to `chain`. */
export function jumpsTo(line: RuleLine, chain: string): boolean {
  return line.op === '-A' && line.chain === POSTROUTING && ruleOption(line.rule, '-j') === chain;
}

/**
 * What removing `chains` takes, given `iptables -t nat -S`: delete every POSTROUTING jump
 * to them as listed (any form), then flush and delete each chain that is listed. Empty
 * when nothing is left.
 */
export function teardownLinesFromListing(
  lines: readonly RuleLine[],
  chains: readonly string[],
): string[] {
  const jumps = lines.filter((line) => chains.some((chain) => jumpsTo(line, chain)));
  const listed = chains.filter((chain) => declares(lines, chain));
  return [
    ...jumps.map((line) => restoreLine('-D', line.chain, line.rule)),
    ...listed.flatMap((chain) => [restoreLine('-F', chain), restoreLine('-X', chain)]),
  ];
}
