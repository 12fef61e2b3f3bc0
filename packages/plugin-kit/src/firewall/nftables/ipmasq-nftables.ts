import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { listNftChains } from '../../netlink/netfilter/chain.ts';
import { NF_INET } from '../../netlink/netfilter/constants.ts';
import { retryOnNewGeneration } from '../../netlink/netfilter/generation.ts';
import type { NftSocket } from '../../netlink/netfilter/nft-socket.ts';
import { listNftRules, type NftRule } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import type { IpMasqAttachment, IpMasqDriver, IpMasqTarget } from '../ipmasq-types.ts';
import { parseMasqAddress } from '../masq-address.ts';
import { commentForInstance, hashForInstance, hashForNetwork } from './masq-comment.ts';
import {
  deleteMasqRules,
  type MasqSetupScope,
  masqRuleExprs,
  masqSetupBatch,
  postroutingRules,
} from './masq-objects.ts';
import { NFT_MASQ } from './nft-names.ts';
import { withNftSocket } from './nft-session.ts';
import { ruleHasExprs, someRuleHasExprs } from './same-exprs.ts';

// The nftables masquerade layout of upstream's ipmasq (reference-plugins.md §4), written
// over nf_tables netlink: one transaction per operation, no nft process. Rules are found by
// comment prefix, so teardown needs only network, ifname and id.

const TABLE = { family: NFT_MASQ.FAMILY, table: NFT_MASQ.TABLE } as const;

/** The rules of masq_checks whose comment starts with `prefix` (none when the table is absent). */
function findRules(sock: NftSocket, prefix: string): NftRule[] {
  return listNftRules(sock, { ...TABLE, chain: NFT_MASQ.CHAIN }).filter(
    (rule) => rule.comment?.startsWith(prefix) === true,
  );
}

/**
 * What the setup must remake, from the kernel's current table: nothing shared when both
 * chains exist as upstream makes them and postrouting holds exactly upstream's three rules
 * (the usual ADD). A transaction that only adds rules leaves the kernel no destruction
 * work, so the plugin's exit does not wait out an RCU grace period for it (about 10 ms
 * here); flushing and rewriting the same rules, as upstream does, would.
 */
function setupScope(sock: NftSocket, rules: readonly NftRule[]): MasqSetupScope {
  const chains = listNftChains(sock, TABLE);
  const postrouting = chains.find((chain) => chain.name === NFT_MASQ.POSTROUTING);
  const shared =
    !chains.some((chain) => chain.name === NFT_MASQ.CHAIN) ||
    postrouting?.hook?.hooknum !== NF_INET.POST_ROUTING ||
    postrouting.hook.priority !== NFT_MASQ.SRCNAT_PRIORITY ||
    postrouting.type !== 'nat';
  const wanted = postroutingRules();
  const present = rules.filter((rule) => rule.chain === NFT_MASQ.POSTROUTING);
  const same =
    present.length === wanted.length &&
    present.every((rule, i) => ruleHasExprs(rule, wanted[i] ?? []));
  return { shared, postrouting: shared || !same };
}

function setup(target: IpMasqTarget, options: FirewallExecOptions): void {
  const addresses = target.addresses.map(parseMasqAddress);
  const comment = commentForInstance(target.network, target.ifName, target.containerId);
  const prefix = hashForInstance(target.network, target.ifName, target.containerId);
  withNftSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const rules = listNftRules(sock, TABLE);
      const stale = rules
        .filter((rule) => rule.chain === NFT_MASQ.CHAIN && rule.comment?.startsWith(prefix))
        .map((rule) => rule.handle);
      const scope = setupScope(sock, rules);
      sock.commit(masqSetupBatch(stale, addresses, comment, scope), { genId });
    }),
  );
}

/** Deletes the rules `select` picks in one transaction, rebuilt if the ruleset changed meanwhile. */
function deleteSelected(
  prefix: string,
  select: (rule: NftRule) => boolean,
  options: FirewallExecOptions,
): void {
  withNftSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const handles = findRules(sock, prefix)
        .filter(select)
        .map((rule) => rule.handle);
      sock.commit(deleteMasqRules(new NftBatch(), handles), { genId });
    }),
  );
}

function teardown(target: IpMasqTarget, options: FirewallExecOptions): void {
  deleteSelected(
    hashForInstance(target.network, target.ifName, target.containerId),
    () => true,
    options,
  );
}

function gc(
  network: string,
  validAttachments: readonly IpMasqAttachment[],
  options: FirewallExecOptions,
): void {
  const valid = new Set(
    validAttachments.map((a) => commentForInstance(network, a.ifName, a.containerId)),
  );
  deleteSelected(hashForNetwork(network), (rule) => !valid.has(rule.comment ?? ''), options);
}

function check(target: IpMasqTarget, options: FirewallExecOptions): string[] {
  return withNftSocket(options, (sock) => {
    const missing: string[] = [];
    const postrouting = listNftChains(sock, TABLE).find(
      (chain) => chain.name === NFT_MASQ.POSTROUTING,
    );
    const rules = listNftRules(sock, TABLE);
    const goto = postroutingRules().at(-1) ?? [];
    const jumps = someRuleHasExprs(
      rules.filter((rule) => rule.chain === NFT_MASQ.POSTROUTING),
      goto,
    );
    if (
      postrouting?.hook?.hooknum !== NF_INET.POST_ROUTING ||
      postrouting.type !== 'nat' ||
      !jumps
    ) {
      missing.push(
        `chain ${NFT_MASQ.FAMILY} ${NFT_MASQ.TABLE} ${NFT_MASQ.POSTROUTING} (nat postrouting, goto ${NFT_MASQ.CHAIN})`,
      );
    }
    const comment = commentForInstance(target.network, target.ifName, target.containerId);
    const present = rules.filter(
      (rule) => rule.chain === NFT_MASQ.CHAIN && rule.comment === comment,
    );
    for (const text of target.addresses) {
      const address = parseMasqAddress(text);
      const wanted = masqRuleExprs(address);
      if (!someRuleHasExprs(present, wanted)) {
        missing.push(
          `rule ${NFT_MASQ.CHAIN} ${address.family === 4 ? 'ip' : 'ip6'} saddr ${address.ip} daddr != ${address.network} masquerade comment "${comment}"`,
        );
      }
    }
    return missing;
  });
}

/** The nftables backend: nf_tables netlink transactions, no process. */
export const ipMasqNftables: IpMasqDriver = { setup, teardown, gc, check };
