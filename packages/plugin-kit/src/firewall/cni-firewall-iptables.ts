import type { IpFamily } from '@cni-ts/spec-types';
import type { FirewallExecOptions } from './command-runner.ts';
import { isFirewallNotFound, isFirewallToolMissing } from './firewall-error.ts';
import { deleteAddressRulesOverNetlink } from './iptables/address-rules-nft.ts';
import {
  forwardSetupSteps,
  forwardTeardownSteps,
  type IsolatingPolicy,
  isolationSteps,
} from './iptables/cni-firewall-rules.ts';
import { applyFilterSteps, listTableStateAsync } from './iptables/filter-apply.ts';
import { type FilterStep, firstMissing } from './iptables/filter-plan.ts';
import type { FilterPrefetch } from './iptables/filter-prefetch.ts';
import { restoreLine, tryRestoreAsync } from './iptables/restore.ts';
import { parseMasqAddress } from './masq-address.ts';

// The firewall plugin's iptables backend (reference-plugins.md §2.3): one listing and one
// restore batch per family, both families at once. Only families with an address are
// touched, as upstream (which also runs the isolation setup per family of prevResult).

const FILTER = 'filter';

/** What one attachment's filter rules depend on. */
export interface CniFirewallTarget {
  /** The attachment's addresses, `ip/prefix` as in a result (the prefix is not used). */
  readonly addresses: readonly string[];
  /** `iptablesAdminChainName` (default CNI-ADMIN). */
  readonly adminChain: string;
  /** `ingressPolicy` same-bridge / isolated on the result's first interface (a bridge). */
  readonly isolation?: { readonly bridge: string; readonly policy: IsolatingPolicy };
  /** false: the isolation rules only (firewalld handles the addresses). Default true. */
  readonly forward?: boolean;
}

/** The host prefix of each address (`10.1.0.5/32`, `fd00::5/128`), by family. */
export function hostCidrsByFamily(addresses: readonly string[]): Map<IpFamily, string[]> {
  return new Map(familyCidrs(addresses));
}

/**
 * {@link hostCidrsByFamily} as a list, for the ADD and DEL paths: iterating a Map costs an
 * exec the first call of the iteration builtins (issue 22).
 */
function familyCidrs(addresses: readonly string[]): [IpFamily, string[]][] {
  const families: [IpFamily, string[]][] = [];
  for (const text of addresses) {
    const address = parseMasqAddress(text);
    const cidr = `${address.ip}/${address.family === 4 ? 32 : 128}`;
    let entry: [IpFamily, string[]] | undefined;
    for (const candidate of families) if (candidate[0] === address.family) entry = candidate;
    if (entry === undefined) {
      entry = [address.family, []];
      families.push(entry);
    }
    if (!entry[1].includes(cidr)) entry[1].push(cidr);
  }
  return families;
}

function setupSteps(target: CniFirewallTarget, cidrs: readonly string[]): FilterStep[] {
  const { isolation } = target;
  return [
    ...(target.forward === false ? [] : forwardSetupSteps(cidrs, target.adminChain)),
    ...(isolation === undefined ? [] : isolationSteps(isolation.bridge, isolation.policy)),
  ];
}

/**
 * ADD: chains, jumps, per-address rules and isolation rules, one batch per family.
 * `prefetched`: the filter table's listings taken shortly before in this namespace
 * (prefetchFilterListings); each family's first plan uses its listing.
 */
export async function setupCniFirewallIptables(
  target: CniFirewallTarget,
  options: FirewallExecOptions = {},
  prefetched?: FilterPrefetch,
): Promise<void> {
  const families = familyCidrs(target.addresses);
  // A prefetch listed the current namespace with the default runner: used only for that.
  const here = options.netns === undefined && options.runner === undefined;
  const runs: Promise<void>[] = [];
  for (const [family, cidrs] of families) {
    const listed = here ? prefetched?.listings.get(family) : undefined;
    runs.push(applyFilterSteps(family, FILTER, setupSteps(target, cidrs), options, listed));
  }
  const results = await Promise.allSettled(runs);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
}

/**
 * DEL: the per-address rules; chains, jumps and isolation rules stay (other attachments
 * use them). A family whose tool or table is missing has nothing to remove.
 */
export async function teardownCniFirewallIptables(
  addresses: readonly string[],
  options: FirewallExecOptions = {},
): Promise<void> {
  const teardown = async (family: IpFamily, cidrs: readonly string[]): Promise<void> => {
    // iptables-nft: over netlink, without a process and its exit's grace period.
    if (deleteAddressRulesOverNetlink(family, cidrs, options)) return;
    const steps = forwardTeardownSteps(cidrs);
    // Common case first: every rule is there, one restore process deletes them all (a
    // batch applies whole or not at all); else list and delete what is there.
    const lines: string[] = [];
    for (const step of steps) {
      lines.push(restoreLine('-D', step.chain, step.kind === 'chain' ? [] : step.rule));
    }
    if ((await tryRestoreAsync(family, FILTER, lines, options)).exitCode === 0) return;
    try {
      await applyFilterSteps(family, FILTER, steps, options);
    } catch (error) {
      if (!isFirewallNotFound(error) && !isFirewallToolMissing(error)) throw error;
    }
  };
  // Both families at once; a loop, not map(): a DEL pays for a builtin's first call.
  const runs: Promise<void>[] = [];
  for (const [family, cidrs] of familyCidrs(addresses)) runs.push(teardown(family, cidrs));
  const results = await Promise.allSettled(runs);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
}

function describeMissing(step: FilterStep): string {
  if (step.kind === 'chain') return `chain ${step.chain} not found`;
  const rule = `[${step.rule.join(' ')}]`;
  return step.chain === 'FORWARD'
    ? `expected FORWARD rule ${rule} not found`
    : `expected rule ${rule} not found`;
}

/**
 * CHECK: the jumps and per-address rules ADD made (not the isolation rules, as upstream).
 * Resolves with upstream's text for the first one missing, or undefined.
 */
export async function checkCniFirewallIptables(
  target: CniFirewallTarget,
  options: FirewallExecOptions = {},
): Promise<string | undefined> {
  for (const [family, cidrs] of familyCidrs(target.addresses)) {
    const steps = forwardSetupSteps(cidrs, target.adminChain).filter(
      (step) => step.kind !== 'chain',
    );
    const missing = firstMissing(await listTableStateAsync(family, FILTER, steps, options), steps);
    if (missing !== undefined) return describeMissing(missing);
  }
  return undefined;
}
