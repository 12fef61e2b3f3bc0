import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { listNftChains, type NftChain } from '../../netlink/netfilter/chain.ts';
import { NF_INET } from '../../netlink/netfilter/constants.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { retryOnNewGeneration } from '../../netlink/netfilter/generation.ts';
import type { NftSocket } from '../../netlink/netfilter/nft-socket.ts';
import { listNftRules, type NftRule } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import type { IsolatingPolicy } from '../iptables/cni-firewall-rules.ts';
import { parseMasqAddress } from '../masq-address.ts';
import {
  addressRuleExprs,
  FIREWALL_TABLE,
  type FirewallAddress,
  firewallSkeleton,
  isolationRules,
  jumpTo,
  NFT_FIREWALL,
} from './firewall-objects.ts';
import { commentForInstance, hashForInstance, hashForNetwork } from './masq-comment.ts';
import { withNftSocket } from './nft-session.ts';
import { ruleHasExprs, someRuleHasExprs } from './same-exprs.ts';

// The firewall plugin's nftables backend over nf_tables netlink (firewall-objects.ts has
// the layout): every operation one transaction, rebuilt when the ruleset changed under it.

/** Who an attachment is (its rules carry this in their comment). */
export interface NftFirewallAttachment {
  readonly network: string;
  readonly containerId: string;
  readonly ifName: string;
}

/** What ADD sets up for an attachment. */
export interface NftFirewallTarget extends NftFirewallAttachment {
  /** `ip/prefix` as in a result. */
  readonly addresses: readonly string[];
  readonly adminChain: string;
  readonly isolation?: { readonly bridge: string; readonly policy: IsolatingPolicy };
}

// Loops rather than filter/every/find/flatMap here: an ADD is one short process, and each
// builtin's first call costs it more than the loop (issue 22).

function inChain(rules: readonly NftRule[], chain: string): NftRule[] {
  const out: NftRule[] = [];
  for (const rule of rules) if (rule.chain === chain) out.push(rule);
  return out;
}

function has(rules: readonly NftRule[], chain: string, exprs: readonly NftExpr[]): boolean {
  return someRuleHasExprs(inChain(rules, chain), exprs);
}

function tableRules(sock: NftSocket): NftRule[] {
  return listNftRules(sock, FIREWALL_TABLE);
}

/** The bare addresses, once each. */
function firewallAddresses(addresses: readonly string[]): FirewallAddress[] {
  const out: FirewallAddress[] = [];
  const seen = new Set<string>();
  for (const text of addresses) {
    const address = parseMasqAddress(text);
    if (seen.has(address.ip)) continue;
    seen.add(address.ip);
    out.push({ ip: address.ip, family: address.family });
  }
  return out;
}

/** True when `rules` are, in order, rules of exactly `wanted`. */
function rulesAre(rules: readonly NftRule[], wanted: readonly (readonly NftExpr[])[]): boolean {
  if (rules.length !== wanted.length) return false;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const exprs = wanted[i];
    if (rule === undefined || exprs === undefined || !ruleHasExprs(rule, exprs)) return false;
  }
  return true;
}

/**
 * True when the table already holds the skeleton exactly: every chain, the base chain as
 * made, and its two jumps in order. Then the ADD transaction only touches rules, which
 * leaves the kernel no destruction work (re-adding existing chains and flushing the base
 * chain would, and the plugin's exit would wait out an RCU grace period for it).
 */
function skeletonInPlace(
  adminChain: string,
  chains: readonly NftChain[],
  rules: readonly NftRule[],
): boolean {
  const names = new Set<string>();
  let base: NftChain | undefined;
  for (const chain of chains) {
    names.add(chain.name);
    if (chain.name === NFT_FIREWALL.FORWARD) base ??= chain;
  }
  const regular = [
    NFT_FIREWALL.CNI_FORWARD,
    adminChain,
    NFT_FIREWALL.STAGE_1,
    NFT_FIREWALL.STAGE_2,
  ];
  for (const name of regular) if (!names.has(name)) return false;
  if (
    base?.type !== 'filter' ||
    base.hook?.hooknum !== NF_INET.FORWARD ||
    base.hook.priority !== NFT_FIREWALL.FILTER_PRIORITY ||
    base.policy !== 'accept'
  ) {
    return false;
  }
  return rulesAre(inChain(rules, NFT_FIREWALL.FORWARD), [
    jumpTo(NFT_FIREWALL.STAGE_1),
    jumpTo(NFT_FIREWALL.CNI_FORWARD),
  ]);
}

/**
 * The ADD transaction for what `rules` (the table's rules now) lack; with `chains` (the
 * table's chains now) the skeleton is left out when it is already in place.
 */
export function nftFirewallSetupBatch(
  target: NftFirewallTarget,
  rules: readonly NftRule[],
  chains?: readonly NftChain[],
): NftBatch {
  const batch =
    chains !== undefined && skeletonInPlace(target.adminChain, chains, rules)
      ? new NftBatch()
      : firewallSkeleton(target.adminChain);
  const cniForward = { ...FIREWALL_TABLE, chain: NFT_FIREWALL.CNI_FORWARD };
  if (!has(rules, NFT_FIREWALL.CNI_FORWARD, jumpTo(target.adminChain))) {
    batch.insertRule({ ...cniForward, exprs: jumpTo(target.adminChain) });
  }
  const prefix = hashForInstance(target.network, target.ifName, target.containerId);
  const owned: NftRule[] = [];
  for (const rule of inChain(rules, NFT_FIREWALL.CNI_FORWARD)) {
    if (rule.comment?.startsWith(prefix) === true) owned.push(rule);
  }
  const comment = commentForInstance(target.network, target.ifName, target.containerId);
  const wanted: NftExpr[][] = [];
  for (const address of firewallAddresses(target.addresses)) {
    for (const exprs of addressRuleExprs(address)) wanted.push(exprs);
  }
  // A repeated ADD with the same addresses leaves the attachment's rules where they are.
  let same = rulesAre(owned, wanted);
  for (const rule of owned) if (rule.comment !== comment) same = false;
  if (!same) {
    for (const rule of owned) batch.deleteRule({ ...cniForward, handle: rule.handle });
    for (const exprs of wanted) batch.addRule({ ...cniForward, exprs, comment });
  }
  const { isolation } = target;
  for (const rule of isolation === undefined
    ? []
    : isolationRules(isolation.bridge, isolation.policy)) {
    if (has(rules, rule.chain, rule.exprs)) continue;
    batch.insertRule({ ...FIREWALL_TABLE, ...rule });
  }
  return batch;
}

/** ADD: table, chains, jumps, the attachment's address rules and the isolation rules. */
export function setupCniFirewallNftables(
  target: NftFirewallTarget,
  options: FirewallExecOptions = {},
): void {
  withNftSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const rules = tableRules(sock);
      const chains = listNftChains(sock, FIREWALL_TABLE);
      const batch = nftFirewallSetupBatch(target, rules, chains);
      if (batch.messages.length > 0) sock.commit(batch, { genId });
    }),
  );
}

function deleteSelected(select: (rule: NftRule) => boolean, options: FirewallExecOptions): void {
  withNftSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const batch = new NftBatch();
      for (const rule of tableRules(sock)) {
        if (rule.chain !== NFT_FIREWALL.CNI_FORWARD || !select(rule)) continue;
        batch.deleteRule({ ...FIREWALL_TABLE, chain: rule.chain, handle: rule.handle });
      }
      if (batch.size > 0) sock.commit(batch, { genId });
    }),
  );
}

/** DEL: the attachment's address rules (found by comment); the rest stays. */
export function teardownCniFirewallNftables(
  attachment: NftFirewallAttachment,
  options: FirewallExecOptions = {},
): void {
  const prefix = hashForInstance(attachment.network, attachment.ifName, attachment.containerId);
  deleteSelected((rule) => rule.comment?.startsWith(prefix) === true, options);
}

/** GC: the address rules of the network's attachments not among `valid`. */
export function gcCniFirewallNftables(
  network: string,
  valid: readonly { readonly containerId: string; readonly ifName: string }[],
  options: FirewallExecOptions = {},
): void {
  const keep = new Set(valid.map((a) => commentForInstance(network, a.ifName, a.containerId)));
  const prefix = hashForNetwork(network);
  deleteSelected(
    (rule) => rule.comment?.startsWith(prefix) === true && !keep.has(rule.comment),
    options,
  );
}

/** CHECK: the first thing missing (base chain and jumps, admin jump, address rules), if any. */
export function checkCniFirewallNftables(
  target: NftFirewallTarget,
  options: FirewallExecOptions = {},
): string | undefined {
  return withNftSocket(options, (sock) => {
    const forward = listNftChains(sock, FIREWALL_TABLE).find(
      (chain) => chain.name === NFT_FIREWALL.FORWARD,
    );
    const table = `${FIREWALL_TABLE.family} ${FIREWALL_TABLE.table}`;
    if (forward?.hook === undefined) return `chain ${table} ${NFT_FIREWALL.FORWARD} not found`;
    const rules = tableRules(sock);
    if (!has(rules, NFT_FIREWALL.FORWARD, jumpTo(NFT_FIREWALL.CNI_FORWARD))) {
      return `expected rule [jump ${NFT_FIREWALL.CNI_FORWARD}] in ${table} ${NFT_FIREWALL.FORWARD} not found`;
    }
    if (!has(rules, NFT_FIREWALL.CNI_FORWARD, jumpTo(target.adminChain))) {
      return `expected rule [jump ${target.adminChain}] in ${table} ${NFT_FIREWALL.CNI_FORWARD} not found`;
    }
    const comment = commentForInstance(target.network, target.ifName, target.containerId);
    const own = rules.filter((rule) => rule.comment === comment);
    for (const address of firewallAddresses(target.addresses)) {
      const [established, from] = addressRuleExprs(address);
      const v = address.family === 4 ? 'ip' : 'ip6';
      if (established === undefined || !has(own, NFT_FIREWALL.CNI_FORWARD, established)) {
        return `expected rule [${v} daddr ${address.ip} ct state established,related accept] not found`;
      }
      if (from === undefined || !has(own, NFT_FIREWALL.CNI_FORWARD, from)) {
        return `expected rule [${v} saddr ${address.ip} accept] not found`;
      }
    }
    return undefined;
  });
}
