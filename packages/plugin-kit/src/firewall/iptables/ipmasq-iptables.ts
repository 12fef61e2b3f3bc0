import type { IpFamily } from '@cni-ts/spec-types';
import { formatChainName } from '../../hash/chain-name.ts';
import { formatComment, parseComment } from '../../hash/comment.ts';
import type { CommandResult, FirewallExecOptions } from '../command-runner.ts';
import {
  classifyFailure,
  FirewallError,
  type FirewallErrorCode,
  isFirewallNotFound,
  isFirewallToolMissing,
} from '../firewall-error.ts';
import type { IpMasqAttachment, IpMasqDriver, IpMasqTarget } from '../ipmasq-types.ts';
import { type MasqAddress, MULTICAST_NETWORK, parseMasqAddress } from '../masq-address.ts';
import {
  freshSetupLines,
  knownTeardownLines,
  type MasqStep,
  POSTROUTING,
  setupLinesFromListing,
  teardownLinesFromListing,
} from './ipmasq-iptables-plan.ts';
import { listRules } from './iptables.ts';
import { IPTABLES_OP, iptablesArgs, iptablesTool } from './iptables-args.ts';
import { teardownMasqChainOverNetlink } from './masq-chain-nft.ts';
import { RESTORE_ARGS, restoreTool, tryRestore } from './restore.ts';
import { ruleIdentity } from './rule-identity.ts';
import { type RuleLine, ruleOption } from './rule-line.ts';

// The iptables masquerade layout upstream has used since 2015 (reference-plugins.md §4, §6.4):
// per (network, container) a chain CNI-<sha512(network+id)[:24]> in table nat holding
//   -d <subnet> -j ACCEPT   and   ! -d 224.0.0.0/4|ff00::/8 -j MASQUERADE
// and per address a jump from POSTROUTING: -s <ip> -j <chain>, every rule commented
// `name: "<network>" id: "<containerId>"`. The interface name plays no part.
//
// The rules are exactly upstream's, in upstream's order, but written with one
// `iptables-restore --noflush` batch per family instead of one iptables process per rule:
// setup first tries `-N chain` plus every rule (iptables refuses the whole batch when the
// chain exists, and a missing chain means none of its rules or jumps can exist), and only
// then lists the table and appends what is missing. Teardown first tries deleting the
// jumps for the known addresses and the chain, and only then lists the table and deletes
// whatever jumps there. Each kernel transaction that deletes rules waits for an RCU grace
// period (about 10 ms here), so one batch per family also saves those waits.

const NAT = 'nat';
const FAMILIES: readonly IpFamily[] = [4, 6];

/** Attempts of a listing-based batch that another writer may race with. */
const LISTING_ATTEMPTS = 3;

function commentArgs(comment: string): string[] {
  return ['-m', 'comment', '--comment', comment];
}

/** The three rules for one address, in go-iptables' argument order. */
export function ipMasqIptablesRules(
  address: MasqAddress,
  chain: string,
  comment: string,
): MasqStep[] {
  return [
    { chain, rule: ['-d', address.cidr, '-j', 'ACCEPT', ...commentArgs(comment)] },
    {
      chain,
      rule: [
        '!',
        '-d',
        MULTICAST_NETWORK[address.family],
        '-j',
        'MASQUERADE',
        ...commentArgs(comment),
      ],
    },
    { chain: POSTROUTING, rule: ['-s', address.ip, '-j', chain, ...commentArgs(comment)] },
  ];
}

function byFamily(addresses: readonly string[]): Map<IpFamily, MasqAddress[]> {
  const families = new Map<IpFamily, MasqAddress[]>();
  for (const text of addresses) {
    const address = parseMasqAddress(text);
    families.set(address.family, [...(families.get(address.family) ?? []), address]);
  }
  return families;
}

function restoreError(family: IpFamily, result: CommandResult): FirewallError {
  return new FirewallError(restoreTool(family), RESTORE_ARGS, result.exitCode, result.stderr);
}

/**
 * Lists the nat table, lets `plan` compute a batch from it and applies the batch. When the
 * batch fails with one of `retryOn` (another writer changed the table in between), it
 * lists again, a bounded number of times. `first` is a listing the caller already has.
 */
function applyFromListing(
  family: IpFamily,
  plan: (lines: readonly RuleLine[]) => string[],
  retryOn: readonly FirewallErrorCode[],
  options: FirewallExecOptions,
  first?: readonly RuleLine[],
): void {
  let lines = first ?? listRules(family, NAT, undefined, options);
  for (let attempt = 1; ; attempt++) {
    const batch = plan(lines);
    if (batch.length === 0) return;
    const result = tryRestore(family, NAT, batch, options);
    if (result.exitCode === 0) return;
    const code = classifyFailure(result.exitCode, result.stderr);
    if (attempt >= LISTING_ATTEMPTS || !retryOn.includes(code)) throw restoreError(family, result);
    lines = listRules(family, NAT, undefined, options);
  }
}

/**
 * One family's part of a setup or teardown: the single `*-restore` batch that does it in
 * the common case (empty: there is none), and the listing-based path to take when that
 * batch fails or is empty.
 */
export interface MasqBatch {
  readonly family: IpFamily;
  readonly lines: readonly string[];
  slow(): void;
}

/** Setup per family: a fresh chain with all its rules, else whatever the listing lacks. */
export function setupBatches(target: IpMasqTarget, options: FirewallExecOptions): MasqBatch[] {
  const chain = formatChainName(target.network, target.containerId);
  const comment = formatComment(target.network, target.containerId);
  return [...byFamily(target.addresses)].map(([family, addresses]) => {
    const steps = addresses.flatMap((address) => ipMasqIptablesRules(address, chain, comment));
    return {
      family,
      lines: freshSetupLines(chain, steps),
      slow: () =>
        applyFromListing(
          family,
          (lines) => setupLinesFromListing(lines, chain, steps),
          ['exists', 'not-found'],
          options,
        ),
    };
  });
}

/** Runs each batch's fast path, one process at a time, and its slow path where it fails. */
function runBatches(batches: readonly MasqBatch[], options: FirewallExecOptions): void {
  for (const batch of batches) {
    const fast =
      batch.lines.length > 0 ? tryRestore(batch.family, NAT, batch.lines, options) : undefined;
    if (fast?.exitCode !== 0) batch.slow();
  }
}

function setup(target: IpMasqTarget, options: FirewallExecOptions): void {
  runBatches(setupBatches(target, options), options);
}

function teardownFromListing(family: IpFamily, chain: string, options: FirewallExecOptions): void {
  let lines: RuleLine[];
  try {
    lines = listRules(family, NAT, undefined, options);
  } catch (error) {
    if (isFirewallNotFound(error)) return;
    throw error;
  }
  applyFromListing(
    family,
    (listed) => teardownLinesFromListing(listed, [chain]),
    ['not-found'],
    options,
    lines,
  );
}

/**
 * Teardown per family: deleting the known jumps and the chain in one batch, else whatever
 * the listing shows. No addresses (the container's namespace went before DEL and nothing
 * was stored): both families from their listings, since the chain name does not depend on
 * the addresses; a family whose tool is missing is then skipped.
 */
export function teardownBatches(target: IpMasqTarget, options: FirewallExecOptions): MasqBatch[] {
  const chain = formatChainName(target.network, target.containerId);
  const comment = formatComment(target.network, target.containerId);
  const given = byFamily(target.addresses);
  const families = given.size > 0 ? [...given.keys()] : FAMILIES;
  return families.map((family) => {
    // Undone, or nothing to undo, without an iptables process where iptables is
    // iptables-nft (nothing: the usual DEL on the nftables backend, which tears down both
    // backends as upstream does).
    if (teardownMasqChainOverNetlink(family, chain, options) !== undefined) {
      return { family, lines: [], slow: () => {} };
    }
    const jumps = (given.get(family) ?? []).map(
      (address): MasqStep => ({
        chain: POSTROUTING,
        rule: ['-s', address.ip, '-j', chain, ...commentArgs(comment)],
      }),
    );
    return {
      family,
      lines: jumps.length > 0 ? knownTeardownLines(chain, jumps) : [],
      slow: () => {
        try {
          teardownFromListing(family, chain, options);
        } catch (error) {
          if (given.size > 0 || !isFirewallToolMissing(error)) throw error;
        }
      },
    };
  });
}

function teardown(target: IpMasqTarget, options: FirewallExecOptions): void {
  runBatches(teardownBatches(target, options), options);
}

export function networkChains(lines: readonly RuleLine[], network: string): Map<string, string> {
  const chains = new Map<string, string>();
  for (const line of lines) {
    if (line.op !== '-A') continue;
    const owner = parseComment(ruleOption(line.rule, '--comment') ?? '');
    if (owner === undefined || owner.name !== network) continue;
    const chain = formatChainName(owner.name, owner.id);
    const named = line.chain === POSTROUTING ? ruleOption(line.rule, '-j') : line.chain;
    if (named === chain) chains.set(chain, owner.id);
  }
  return chains;
}

/**
 * GC for iptables (upstream has none): a chain is stale when its container id is not among
 * the valid attachments' ids. The ifname is not part of the iptables naming, so an
 * attachment keeps its chain when any valid attachment has its container id. All stale
 * chains of a family go in one batch.
 */
function gc(
  network: string,
  validAttachments: readonly IpMasqAttachment[],
  options: FirewallExecOptions,
): void {
  const valid = new Set(validAttachments.map((attachment) => attachment.containerId));
  for (const family of FAMILIES) {
    let lines: RuleLine[];
    try {
      lines = listRules(family, NAT, undefined, options);
    } catch (error) {
      if (isFirewallNotFound(error) || isFirewallToolMissing(error)) continue;
      throw error;
    }
    const stale = [...networkChains(lines, network)]
      .filter(([, id]) => !valid.has(id))
      .map(([chain]) => chain);
    if (stale.length === 0) continue;
    applyFromListing(
      family,
      (listed) => teardownLinesFromListing(listed, stale),
      ['not-found'],
      options,
      lines,
    );
  }
}

/** What is missing, as the `iptables -C` command that would fail for each rule. */
function check(target: IpMasqTarget, options: FirewallExecOptions): string[] {
  const chain = formatChainName(target.network, target.containerId);
  const comment = formatComment(target.network, target.containerId);
  const missing: string[] = [];
  for (const [family, addresses] of byFamily(target.addresses)) {
    let lines: RuleLine[];
    try {
      lines = listRules(family, NAT, undefined, options);
    } catch (error) {
      if (!isFirewallNotFound(error)) throw error;
      lines = [];
    }
    const present = new Set(
      lines.filter((line) => line.op === '-A').map((line) => ruleIdentity(line.chain, line.rule)),
    );
    for (const address of addresses) {
      for (const step of ipMasqIptablesRules(address, chain, comment)) {
        if (present.has(ruleIdentity(step.chain, step.rule))) continue;
        const args = iptablesArgs(NAT, IPTABLES_OP.CHECK, step.chain, step.rule);
        missing.push(`${iptablesTool(family)} ${args.join(' ')}`);
      }
    }
  }
  return missing;
}

/**
 * The iptables backend: `iptables-restore`/`ip6tables-restore --noflush --wait` batches to
 * write, `iptables -t nat -S --wait` to read.
 */
export const ipMasqIptables: IpMasqDriver = { setup, teardown, gc, check };
