import type { FirewallExecOptions } from '../command-runner.ts';
import { isFirewallNotFound } from '../firewall-error.ts';
import type { IpMasqAttachment, IpMasqDriver, IpMasqTarget } from '../ipmasq-types.ts';
import { parseMasqAddress } from '../masq-address.ts';
import { commentForInstance, hashForInstance, hashForNetwork } from './masq-comment.ts';
import { listNft, runNftBatch } from './nft.ts';
import { masqDeleteBatch, masqSetupBatch, type NftMasqRule } from './nft-batch.ts';
import { isGotoRule, type NftRule, readMasqRule } from './nft-json.ts';
import { NFT_MASQ } from './nft-names.ts';
import { masqTableState } from './nft-table-probe.ts';

// The nftables masquerade layout of upstream's ipmasq (reference-plugins.md §4): table
// `inet cni_plugins_masquerade`, base chain `postrouting` (rewritten on every setup) that
// returns for multicast and goes to `masq_checks`, where each container address has
// `ip saddr == IP ip daddr != SUBNET masquerade` with a comment naming the attachment.
// Rules are found by comment prefix, so teardown needs only network, ifname and id.

/**
 * The rules of masq_checks whose comment starts with `prefix` (none if the table is absent:
 * the kernel is asked over netlink first, so that no nft process starts then).
 */
function findRules(prefix: string, options: FirewallExecOptions): NftRule[] {
  if (masqTableState(options) === 'absent') return [];
  const listing = listNft(['chain', NFT_MASQ.FAMILY, NFT_MASQ.TABLE, NFT_MASQ.CHAIN], options);
  return listing.rules.filter(
    (rule) => rule.chain === NFT_MASQ.CHAIN && rule.comment?.startsWith(prefix) === true,
  );
}

function masqRules(addresses: readonly string[]): NftMasqRule[] {
  return addresses.map((text) => {
    const { family, ip, network } = parseMasqAddress(text);
    return { family, ip, network };
  });
}

function setup(target: IpMasqTarget, options: FirewallExecOptions): void {
  const rules = masqRules(target.addresses);
  const stale = findRules(
    hashForInstance(target.network, target.ifName, target.containerId),
    options,
  );
  const comment = commentForInstance(target.network, target.ifName, target.containerId);
  runNftBatch(
    masqSetupBatch(
      stale.map((rule) => rule.handle),
      rules,
      comment,
    ),
    options,
  );
}

/**
 * Deletes the rules `select` picks, in one batch. When a rule vanished between listing and
 * deleting (another DEL or GC ran), the batch fails as a whole with "not found": list again
 * and retry, a bounded number of times.
 */
function deleteSelected(
  prefix: string,
  select: (rule: NftRule) => boolean,
  options: FirewallExecOptions,
): void {
  for (let attempt = 0; ; attempt++) {
    const handles = findRules(prefix, options)
      .filter(select)
      .map((rule) => rule.handle);
    if (handles.length === 0) return;
    try {
      runNftBatch(masqDeleteBatch(handles), options);
      return;
    } catch (error) {
      if (!isFirewallNotFound(error) || attempt >= 2) throw error;
    }
  }
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
  const listing = listNft(['table', NFT_MASQ.FAMILY, NFT_MASQ.TABLE], options);
  const missing: string[] = [];
  const postrouting = listing.chains.find((chain) => chain.name === NFT_MASQ.POSTROUTING);
  const jumps = listing.rules.some(
    (rule) => rule.chain === NFT_MASQ.POSTROUTING && isGotoRule(rule, NFT_MASQ.CHAIN),
  );
  if (postrouting?.hook !== 'postrouting' || postrouting.type !== 'nat' || !jumps) {
    missing.push(
      `chain ${NFT_MASQ.FAMILY} ${NFT_MASQ.TABLE} ${NFT_MASQ.POSTROUTING} (nat postrouting, goto ${NFT_MASQ.CHAIN})`,
    );
  }
  const comment = commentForInstance(target.network, target.ifName, target.containerId);
  const present = listing.rules
    .filter((rule) => rule.chain === NFT_MASQ.CHAIN && rule.comment === comment)
    .map(readMasqRule);
  for (const text of target.addresses) {
    const address = parseMasqAddress(text);
    const found = present.some(
      (shape) =>
        shape?.family === address.family &&
        shape.source === address.ip &&
        shape.excluded === address.network,
    );
    if (!found) {
      missing.push(
        `rule ${NFT_MASQ.CHAIN} ${address.family === 4 ? 'ip' : 'ip6'} saddr ${address.ip} daddr != ${address.network} masquerade comment "${comment}"`,
      );
    }
  }
  return missing;
}

/** The nftables backend (`nft -f -` batches, `nft -j list` to read). */
export const ipMasqNftables: IpMasqDriver = { setup, teardown, gc, check };
