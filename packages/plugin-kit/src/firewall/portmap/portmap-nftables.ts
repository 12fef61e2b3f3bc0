import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { listNftChains, type NftChain } from '../../netlink/netfilter/chain.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { retryOnNewGeneration } from '../../netlink/netfilter/generation.ts';
import type { NftSocket } from '../../netlink/netfilter/nft-socket.ts';
import { listNftRules, type NftRule } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { ruleHasExprs, someRuleHasExprs } from '../nftables/same-exprs.ts';
import { portMapAddresses } from './portmap-iptables.ts';
import {
  ATTACHMENT_CHAINS,
  addSetup,
  attachmentRules,
  entryExprs,
  hostportsAllRules,
  NFT_PORTMAP,
  nftFamily,
  PORTMAP_REGULAR_CHAINS,
  type PortMapSetupScope,
  portMapBaseChains,
} from './portmap-nftables-objects.ts';
import type { PortMapTarget } from './portmap-types.ts';

// The nftables backend of portmap over nf_tables netlink (no nft process): ADD, DEL and
// CHECK each read the attachment's rules and write both families in ONE transaction,
// rebuilt when the ruleset changed in between.

const FAMILIES = [4, 6] as const;

/** The rules of the containers (comment = container id) in one family's table. */
function ownedRules(sock: NftSocket, family: 4 | 6, containerIds: ReadonlySet<string>): NftRule[] {
  // A loop, not filter(): a DEL pays for a builtin's first call (issue 22).
  const owned: NftRule[] = [];
  for (const rule of listNftRules(sock, { family: nftFamily(family), table: NFT_PORTMAP.TABLE })) {
    if (!ATTACHMENT_CHAINS.includes(rule.chain) || rule.comment === undefined) continue;
    if (containerIds.has(rule.comment)) owned.push(rule);
  }
  return owned;
}

/** True when `chain`'s rules are exactly `wanted`, in order. */
function holdsExactly(
  rules: readonly NftRule[],
  chain: string,
  wanted: readonly NftExpr[][],
): boolean {
  // Loops, not filter/every: an ADD pays for each builtin's first call (issue 22).
  const present: NftRule[] = [];
  for (const rule of rules) if (rule.chain === chain) present.push(rule);
  if (present.length !== wanted.length) return false;
  for (let i = 0; i < present.length; i++) {
    const rule = present[i];
    if (rule === undefined || !ruleHasExprs(rule, wanted[i] ?? [])) return false;
  }
  return true;
}

/**
 * What one family's ADD must remake, from the table as it is: nothing shared when every
 * chain is there as made and the entry rules are exactly this config's (the usual ADD).
 * A transaction that then only adds rules leaves the kernel no destruction work, so the
 * plugin's exit does not wait out an RCU grace period (about 10 ms here); flushing and
 * rewriting the same rules, as upstream does, would.
 */
function setupScope(
  sock: NftSocket,
  target: PortMapTarget,
  family: 4 | 6,
  rules: readonly NftRule[],
): PortMapSetupScope {
  const chains = listNftChains(sock, { family: nftFamily(family), table: NFT_PORTMAP.TABLE });
  // Loops, not map/every: an ADD pays for each builtin's first call (issue 22).
  const byName = new Map<string, NftChain>();
  for (const chain of chains) byName.set(chain.name, chain);
  let complete = true;
  for (const name of PORTMAP_REGULAR_CHAINS) if (!byName.has(name)) complete = false;
  for (const { name, hooknum, priority } of portMapBaseChains(target.snat)) {
    const chain = byName.get(name);
    const asMade =
      chain?.type === 'nat' && chain.hook?.hooknum === hooknum && chain.hook.priority === priority;
    if (!asMade) complete = false;
  }
  const shared = !complete;
  const entry = entryExprs(target, family);
  const entries =
    shared ||
    !holdsExactly(rules, NFT_PORTMAP.HOSTPORTS_ALL, hostportsAllRules()) ||
    !holdsExactly(rules, NFT_PORTMAP.PREROUTING, [entry]) ||
    !holdsExactly(rules, NFT_PORTMAP.OUTPUT, [entry]);
  return { shared, entries };
}

/** Installs the attachment's mappings for each family it has an address of, in one transaction. */
export function setupPortMapNftables(
  target: PortMapTarget,
  options: FirewallExecOptions = {},
): void {
  const addresses = portMapAddresses(target.addresses);
  withNftSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const batch = new NftBatch();
      for (const address of addresses) {
        const family = address.family;
        const rules = listNftRules(sock, { family: nftFamily(family), table: NFT_PORTMAP.TABLE });
        const stale: NftRule[] = [];
        for (const rule of rules) {
          if (ATTACHMENT_CHAINS.includes(rule.chain) && rule.comment === target.containerId) {
            stale.push(rule);
          }
        }
        addSetup(batch, target, address, stale, setupScope(sock, target, family, rules));
      }
      sock.commit(batch, { genId });
    }),
  );
}

/** Deletes, in one transaction, every rule whose comment is one of the ids, in both families. */
function deleteRulesOf(containerIds: ReadonlySet<string>, options: FirewallExecOptions): void {
  if (containerIds.size === 0) return;
  withNftSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const batch = new NftBatch();
      let count = 0;
      for (const family of FAMILIES) {
        for (const rule of ownedRules(sock, family, containerIds)) {
          batch.deleteRule({
            family: nftFamily(family),
            table: NFT_PORTMAP.TABLE,
            chain: rule.chain,
            handle: rule.handle,
          });
          count++;
        }
      }
      if (count > 0) sock.commit(batch, { genId });
    }),
  );
}

/** Deletes every rule commented with the container id, in both families; none is fine. */
export function teardownPortMapNftables(
  containerId: string,
  options: FirewallExecOptions = {},
): void {
  deleteRulesOf(new Set([containerId]), options);
}

/**
 * GC: deletes the rules of every container id given (stale attachments the caller proved
 * its own), both families, in one transaction; ids without rules, or none, are fine.
 */
export function gcPortMapNftables(
  containerIds: readonly string[],
  options: FirewallExecOptions = {},
): void {
  deleteRulesOf(new Set(containerIds), options);
}

/** What is missing for the attachment (one line each), per family it has an address of. */
export function checkPortMapNftables(
  target: PortMapTarget,
  options: FirewallExecOptions = {},
): string[] {
  return withNftSocket(options, (sock) => {
    const missing: string[] = [];
    for (const address of portMapAddresses(target.addresses)) {
      const family = nftFamily(address.family);
      const rules = listNftRules(sock, { family, table: NFT_PORTMAP.TABLE });
      const entry = entryExprs(target, address.family);
      for (const chain of [NFT_PORTMAP.PREROUTING, NFT_PORTMAP.OUTPUT]) {
        const inChain = rules.filter((rule) => rule.chain === chain);
        if (!someRuleHasExprs(inChain, entry)) {
          missing.push(
            `${family} ${NFT_PORTMAP.TABLE} ${chain}: jump ${NFT_PORTMAP.HOSTPORTS_ALL}`,
          );
        }
      }
      const own = rules.filter((rule) => rule.comment === target.containerId);
      for (const wanted of attachmentRules(target, address)) {
        if (
          !someRuleHasExprs(
            own.filter((rule) => rule.chain === wanted.chain),
            wanted.exprs,
          )
        ) {
          missing.push(
            `${family} ${NFT_PORTMAP.TABLE} ${wanted.chain}: a rule of ${target.containerId}`,
          );
        }
      }
    }
    return missing;
  });
}
