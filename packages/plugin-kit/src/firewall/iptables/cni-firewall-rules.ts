import type { FilterStep } from './filter-plan.ts';

// The filter-table layout of the firewall plugin (reference-plugins.md §2.3, §6.7), as
// FilterSteps in upstream's order. Per address family:
//   FORWARD        -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD   (top)
//   CNI-FORWARD    -m comment --comment "CNI firewall plugin admin overrides" -j <admin>  (top)
//   CNI-FORWARD    -d <ip>/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
//   CNI-FORWARD    -s <ip>/32 -j ACCEPT
// and for ingressPolicy same-bridge / isolated the CNI-ISOLATION-STAGE-1/2 chains.

export const CNI_FORWARD_CHAIN = 'CNI-FORWARD';
export const DEFAULT_ADMIN_CHAIN = 'CNI-ADMIN';
export const ISOLATION_STAGE_1 = 'CNI-ISOLATION-STAGE-1';
export const ISOLATION_STAGE_2 = 'CNI-ISOLATION-STAGE-2';
const FORWARD = 'FORWARD';

/** The ingress policies that add isolation rules. */
export type IsolatingPolicy = 'same-bridge' | 'isolated';

function commented(rule: readonly string[], comment: string): string[] {
  return [...rule, '-m', 'comment', '--comment', comment];
}

/** The two rules of one address (`cidr` is the host prefix: `10.1.0.5/32`, `fd00::5/128`). */
export function addressRules(cidr: string): string[][] {
  return [
    ['-d', cidr, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'],
    ['-s', cidr, '-j', 'ACCEPT'],
  ];
}

/** Chains, jumps and per-address rules ADD ensures for one family's addresses. */
export function forwardSetupSteps(cidrs: readonly string[], adminChain: string): FilterStep[] {
  if (cidrs.length === 0) return [];
  const steps: FilterStep[] = [
    { kind: 'chain', chain: CNI_FORWARD_CHAIN },
    { kind: 'chain', chain: adminChain },
    {
      kind: 'insert',
      chain: FORWARD,
      rule: ['-m', 'comment', '--comment', 'CNI firewall plugin rules', '-j', CNI_FORWARD_CHAIN],
    },
    {
      kind: 'insert',
      chain: CNI_FORWARD_CHAIN,
      rule: ['-m', 'comment', '--comment', 'CNI firewall plugin admin overrides', '-j', adminChain],
    },
  ];
  // Loops, not flatMap: every firewall ADD builds these (issue 22).
  for (const cidr of cidrs) {
    for (const rule of addressRules(cidr))
      steps.push({ kind: 'append', chain: CNI_FORWARD_CHAIN, rule });
  }
  return steps;
}

/** What DEL removes for one family's addresses: the per-address rules only. */
export function forwardTeardownSteps(cidrs: readonly string[]): FilterStep[] {
  // Loops, not flatMap/map: a DEL pays for a builtin's first call (issue 22).
  const steps: FilterStep[] = [];
  for (const cidr of cidrs) {
    for (const rule of addressRules(cidr))
      steps.push({ kind: 'delete', chain: CNI_FORWARD_CHAIN, rule });
  }
  return steps;
}

/**
 * The isolation rules for a bridge: every rule commented
 * `CNI firewall plugin rules (ingressPolicy: <policy>)`; `isolated` also drops traffic
 * that enters and leaves the same bridge (ahead of the stage-2 jump).
 */
export function isolationSteps(bridge: string, policy: IsolatingPolicy): FilterStep[] {
  const comment = `CNI firewall plugin rules (ingressPolicy: ${policy})`;
  const steps: FilterStep[] = [
    { kind: 'chain', chain: ISOLATION_STAGE_1 },
    { kind: 'chain', chain: ISOLATION_STAGE_2 },
    { kind: 'insert', chain: FORWARD, rule: commented(['-j', ISOLATION_STAGE_1], comment) },
    {
      kind: 'insert',
      chain: ISOLATION_STAGE_1,
      rule: commented(['-i', bridge, '!', '-o', bridge, '-j', ISOLATION_STAGE_2], comment),
    },
  ];
  if (policy === 'isolated') {
    steps.push({
      kind: 'insert',
      chain: ISOLATION_STAGE_1,
      rule: commented(['-i', bridge, '-o', bridge, '-j', 'DROP'], comment),
    });
  }
  steps.push(
    { kind: 'append', chain: ISOLATION_STAGE_1, rule: commented(['-j', 'RETURN'], comment) },
    {
      kind: 'insert',
      chain: ISOLATION_STAGE_2,
      rule: commented(['-o', bridge, '-j', 'DROP'], comment),
    },
    { kind: 'append', chain: ISOLATION_STAGE_2, rule: commented(['-j', 'RETURN'], comment) },
  );
  return steps;
}
