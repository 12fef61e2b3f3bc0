import type { IpFamily } from '@cni-ts/spec-types';
import { parseComment } from '../../hash/comment.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { tryToolAsync } from '../command-runner-async.ts';
import { classifyFailure, FirewallError, isFirewallError } from '../firewall-error.ts';
import { iptablesChainsAbsent } from '../iptables/chain-probe.ts';
import { IPTABLES_OP, iptablesArgs, iptablesTool } from '../iptables/iptables-args.ts';
import { type ListingIndex, listingIndex } from '../iptables/listing-index.ts';
import { RESTORE_ARGS, restoreTool, tryRestoreAsync } from '../iptables/restore.ts';
import { ruleOption } from '../iptables/rule-line.ts';
import { type MasqAddress, parseMasqAddress } from '../masq-address.ts';
import {
  createdChains,
  missingRules,
  removeChainLines,
  setupLines,
  undoSharedLines,
} from './portmap-iptables-plan.ts';
import {
  dnatChain,
  dnatChainName,
  HOSTPORT_DNAT,
  sharedChains,
  snatChainName,
} from './portmap-iptables-rules.ts';
import type { PortMapAttachment, PortMapTarget } from './portmap-types.ts';

// The iptables backend of portmap: per family one `iptables -t nat -S` listing and one
// `iptables-restore --noflush` batch computed from it; both families run at once. A batch
// that races with another writer (a chain made or removed in between) is recomputed from
// a fresh listing, a bounded number of times.

const NAT = 'nat';
const FAMILIES: readonly IpFamily[] = [4, 6];
const ATTEMPTS = 3;

/** The nat table of a family, listed. */
async function listNat(family: IpFamily, options: FirewallExecOptions): Promise<ListingIndex> {
  const args = iptablesArgs(NAT, IPTABLES_OP.LIST_RULES);
  const result = await tryToolAsync(iptablesTool(family), args, options);
  if (result.exitCode !== 0) {
    throw new FirewallError(iptablesTool(family), args, result.exitCode, result.stderr);
  }
  return listingIndex(result.stdout);
}

/** Lists, plans and applies one family's batch, again from a new listing after a race. */
async function apply(
  family: IpFamily,
  plan: (listing: ListingIndex) => string[],
  options: FirewallExecOptions,
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const batch = plan(await listNat(family, options));
    if (batch.length === 0) return batch;
    const result = await tryRestoreAsync(family, NAT, batch, options);
    if (result.exitCode === 0) return batch;
    const code = classifyFailure(result.exitCode, result.stderr);
    if (attempt < ATTEMPTS && (code === 'exists' || code === 'not-found')) continue;
    throw new FirewallError(restoreTool(family), RESTORE_ARGS, result.exitCode, result.stderr);
  }
}

/** The first address of each family, as the rules use them. */
export function portMapAddresses(addresses: readonly string[]): MasqAddress[] {
  // An array, not a Map's values: spreading those costs an exec a builtin's first call.
  const first: MasqAddress[] = [];
  for (const text of addresses) {
    const address = parseMasqAddress(text);
    let seen = false;
    for (const other of first) if (other.family === address.family) seen = true;
    if (!seen) first.push(address);
  }
  return first;
}

/**
 * Installs the attachment's mappings for each family it has an address of. When one
 * family's batch fails, what the others made (the attachment's chain, and shared chains
 * they created) is taken back before the error is thrown: nothing is left half made.
 */
export async function setupPortMapIptables(
  target: PortMapTarget,
  options: FirewallExecOptions = {},
): Promise<void> {
  const shared = sharedChains(target);
  const own = dnatChainName(target.network, target.containerId);
  const addresses = portMapAddresses(target.addresses);
  // Both families at once; a loop, not map(): the ADDs call no JavaScript-implemented builtin.
  const runs: Promise<string[]>[] = [];
  for (const address of addresses) {
    runs.push(
      apply(
        address.family,
        (listing) => setupLines(listing, shared, dnatChain(target, address)),
        options,
      ),
    );
  }
  const results = await Promise.allSettled(runs);
  let failed: PromiseRejectedResult | undefined;
  for (const result of results) if (result.status === 'rejected') failed ??= result;
  if (failed === undefined) return;
  await Promise.allSettled(
    results.map((result, i) => {
      const family = addresses[i]?.family;
      if (result.status === 'rejected' || family === undefined) return undefined;
      const created = createdChains(result.value, own);
      const undoShared = () =>
        apply(family, (listing) => undoSharedLines(listing, created), options);
      return apply(family, (listing) => removeChainLines(listing, own), options).then(undoShared);
    }),
  );
  throw failed.reason;
}

/** A family that cannot be listed here (no tool, no nat table) has nothing to remove. */
function absent(error: unknown): boolean {
  return isFirewallError(error) && (error.code === 'tool-missing' || error.code === 'not-found');
}

async function removeChains(
  chains: (listing: ListingIndex) => string[],
  options: FirewallExecOptions,
  nothingIn?: (family: IpFamily) => boolean,
): Promise<void> {
  const runs: Promise<string[]>[] = [];
  for (const family of FAMILIES) {
    if (nothingIn?.(family) !== true) runs.push(apply(family, chains, options));
  }
  const results = await Promise.allSettled(runs);
  for (const result of results) {
    if (result.status === 'rejected' && !absent(result.reason)) throw result.reason;
  }
}

function removeAttachment(listing: ListingIndex, network: string, containerId: string): string[] {
  return [
    ...removeChainLines(listing, dnatChainName(network, containerId)),
    ...removeChainLines(listing, snatChainName(network, containerId)),
  ];
}

/**
 * Removes the attachment's chain and its entry rules in both families (the names do not
 * depend on the mappings or addresses); the shared chains stay. Nothing there is success.
 * `expectNothing` (a DEL without portMappings, which upstream skips): ask the kernel first,
 * and where it shows neither of the attachment's chains (iptables-nft) no rule can jump to
 * them, so that family's table is not listed and no process runs. Otherwise the listing
 * decides, as a DEL that expects rules would pay the question for nothing.
 */
export function teardownPortMapIptables(
  target: Pick<PortMapTarget, 'network' | 'containerId'>,
  options: FirewallExecOptions = {},
  expectNothing = false,
): Promise<void> {
  const own = [
    dnatChainName(target.network, target.containerId),
    snatChainName(target.network, target.containerId),
  ];
  return removeChains(
    (listing) => removeAttachment(listing, target.network, target.containerId),
    options,
    expectNothing ? (family) => iptablesChainsAbsent(family, NAT, own, options) : undefined,
  );
}

/** The container ids of `network` that have entry rules in the dispatcher. */
export function portMapOwners(listing: ListingIndex, network: string): Set<string> {
  const ids = new Set<string>();
  for (const line of listing.rulesOf(HOSTPORT_DNAT)) {
    const comment = ruleOption(line.rule, '--comment') ?? '';
    if (!comment.startsWith('dnat ')) continue;
    const owner = parseComment(comment.slice('dnat '.length));
    if (owner?.name === network) ids.add(owner.id);
  }
  return ids;
}

/** Removes the chains of `network`'s attachments whose container id is not kept. */
export function gcPortMapIptables(
  network: string,
  keep: readonly PortMapAttachment[],
  options: FirewallExecOptions = {},
): Promise<void> {
  const valid = new Set(keep.map((attachment) => attachment.containerId));
  return removeChains(
    (listing) =>
      [...portMapOwners(listing, network)]
        .filter((id) => !valid.has(id))
        .flatMap((id) => removeAttachment(listing, network, id)),
    options,
  );
}

/**
 * What is missing for the attachment, per family it has an address of: chains as
 * `chain <name>` and rules as the `iptables -C` command that would fail. Empty: all there.
 */
export async function checkPortMapIptables(
  target: PortMapTarget,
  options: FirewallExecOptions = {},
): Promise<string[]> {
  const shared = sharedChains(target);
  const perFamily = await Promise.all(
    portMapAddresses(target.addresses).map(async (address) => {
      const listing = await listNat(address.family, options);
      const found = missingRules(listing, [...shared, dnatChain(target, address)]);
      const tool = iptablesTool(address.family);
      return [
        ...found.missingChains.map((name) => `${tool} chain ${name} not found in table nat`),
        ...found.missingRules.map(
          (step) =>
            `${tool} ${iptablesArgs(NAT, IPTABLES_OP.CHECK, step.chain, step.rule).join(' ')}`,
        ),
      ];
    }),
  );
  return perFamily.flat();
}
