import type { ListingIndex } from '../iptables/listing-index.ts';
import { restoreLine } from '../iptables/restore.ts';
import type { PortMapChain, PortMapRule } from './portmap-iptables-rules.ts';

// Restore batches computed from one `iptables -t nat -S` listing: what ADD adds to make the
// shared chains and the attachment's chain exactly as they should be, and what DEL removes.

const BUILTIN = new Set(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING', 'FORWARD']);

function has(listing: ListingIndex, rule: PortMapRule): boolean {
  return listing.hasRule(rule.chain, rule.rule);
}

/** Creates a shared chain, its rules and its jumps where the listing lacks them. */
function ensureShared(listing: ListingIndex, chain: PortMapChain): string[] {
  const lines: string[] = [];
  if (!listing.chains.has(chain.name)) lines.push(restoreLine('-N', chain.name));
  for (const rule of chain.rules) {
    if (!has(listing, rule)) lines.push(restoreLine('-A', rule.chain, rule.rule));
  }
  for (const jump of chain.jumps) {
    if (has(listing, jump)) continue;
    lines.push(
      jump.prepend
        ? restoreLine('-I', jump.chain, ['1', ...jump.rule])
        : restoreLine('-A', jump.chain, jump.rule),
    );
  }
  return lines;
}

/** Deletes every rule that jumps to `chain`, then flushes and deletes it if it exists. */
export function removeChainLines(listing: ListingIndex, chain: string): string[] {
  // A loop, not filter/map: a DEL pays for a builtin's first call (issue 22).
  const lines: string[] = [];
  for (const line of listing.jumpsTo(chain)) lines.push(restoreLine('-D', line.chain, line.rule));
  if (listing.chains.has(chain) && !BUILTIN.has(chain)) {
    lines.push(restoreLine('-F', chain), restoreLine('-X', chain));
  }
  return lines;
}

/**
 * ADD's batch: the shared chains completed, and the attachment's chain made afresh (an
 * existing one and its entry rules are replaced, so a repeated ADD leaves no duplicates).
 */
export function setupLines(
  listing: ListingIndex,
  shared: readonly PortMapChain[],
  own: PortMapChain,
): string[] {
  // Loops, not flatMap/filter/map: an ADD pays for each builtin's first call (issue 22).
  const lines: string[] = [];
  for (const chain of shared) for (const line of ensureShared(listing, chain)) lines.push(line);
  for (const line of listing.jumpsTo(own.name)) {
    lines.push(restoreLine('-D', line.chain, line.rule));
  }
  lines.push(restoreLine(listing.chains.has(own.name) ? '-F' : '-N', own.name));
  for (const rule of own.rules) lines.push(restoreLine('-A', rule.chain, rule.rule));
  for (const jump of own.jumps) lines.push(restoreLine('-A', jump.chain, jump.rule));
  return lines;
}

/** The rules of `chains` the listing lacks (chains that are missing count by their rules). */
export function missingRules(
  listing: ListingIndex,
  chains: readonly PortMapChain[],
): { missingChains: string[]; missingRules: PortMapRule[] } {
  const missingChains = chains.map((c) => c.name).filter((name) => !listing.chains.has(name));
  const missing = chains
    .flatMap((chain) => [...chain.rules, ...chain.jumps])
    .filter((rule) => !has(listing, rule));
  return { missingChains, missingRules: missing };
}

/** The shared chains a setup batch created (its `-N` lines other than the attachment's). */
export function createdChains(batch: readonly string[], own: string): string[] {
  return batch
    .filter((line) => line.startsWith('-N ') && line !== restoreLine('-N', own))
    .map((line) => line.slice('-N '.length));
}

/**
 * The second half of taking back a setup whose other family failed (the first removes the
 * attachment's chain): the shared chains that setup created, with the jumps into them.
 * A separate batch: iptables-nft refuses to delete a chain in the batch that also deletes
 * the chain holding the last rules that jumped to it.
 */
export function undoSharedLines(listing: ListingIndex, created: readonly string[]): string[] {
  const removed = new Set(created);
  const lines = created.flatMap((chain) =>
    listing
      .jumpsTo(chain)
      .filter((line) => !removed.has(line.chain))
      .map((line) => restoreLine('-D', line.chain, line.rule)),
  );
  const present = created.filter((chain) => listing.chains.has(chain));
  lines.push(...present.map((chain) => restoreLine('-F', chain)));
  lines.push(...present.map((chain) => restoreLine('-X', chain)));
  return lines;
}
