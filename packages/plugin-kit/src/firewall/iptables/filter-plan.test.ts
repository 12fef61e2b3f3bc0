import { describe, expect, test } from 'bun:test';
import { forwardSetupSteps, forwardTeardownSteps, isolationSteps } from './cni-firewall-rules.ts';
import {
  type FilterStep,
  filterStepLine,
  firstMissing,
  listedTableState,
  planChanges,
  type TableState,
} from './filter-plan.ts';
import { ruleIdentity } from './rule-identity.ts';
import { parseRuleLine } from './rule-line.ts';

/** The restore lines that bring the listed table to what the steps ask for. */
function planFilterLines(text: string, steps: readonly FilterStep[]): string[] {
  return planChanges(listedTableState(text, steps), steps).map(filterStepLine);
}

function firstMissingStep(text: string, steps: readonly FilterStep[]) {
  return firstMissing(listedTableState(text, steps), steps);
}

/** The state of the whole listing, every line parsed: what the plan must agree with. */
function wholeState(text: string): TableState {
  const chains = new Set<string>();
  const rules = new Set<string>();
  for (const line of text.split('\n').map(parseRuleLine)) {
    if (line === undefined) continue;
    if (line.op === '-A') rules.add(ruleIdentity(line.chain, line.rule));
    else chains.add(line.chain);
  }
  return { chains, rules };
}

const EMPTY = '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT';

describe('planFilterLines', () => {
  test('a fresh table gets the chains, the two jumps at the top and the address rules', () => {
    const steps = [
      ...forwardSetupSteps(['10.9.0.2/32'], 'CNI-ADMIN'),
      ...isolationSteps('br-a', 'same-bridge'),
    ];
    expect(planFilterLines(EMPTY, steps)).toEqual([
      '-N CNI-FORWARD',
      '-N CNI-ADMIN',
      '-I FORWARD 1 -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD',
      '-I CNI-FORWARD 1 -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN',
      '-A CNI-FORWARD -d 10.9.0.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A CNI-FORWARD -s 10.9.0.2/32 -j ACCEPT',
      '-N CNI-ISOLATION-STAGE-1',
      '-N CNI-ISOLATION-STAGE-2',
      '-I FORWARD 1 -j CNI-ISOLATION-STAGE-1 -m comment --comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"',
      '-I CNI-ISOLATION-STAGE-1 1 -i br-a ! -o br-a -j CNI-ISOLATION-STAGE-2 -m comment --comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"',
      '-A CNI-ISOLATION-STAGE-1 -j RETURN -m comment --comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"',
      '-I CNI-ISOLATION-STAGE-2 1 -o br-a -j DROP -m comment --comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"',
      '-A CNI-ISOLATION-STAGE-2 -j RETURN -m comment --comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"',
    ]);
  });

  test('what the listing has (in iptables -S spelling) is not written again', () => {
    const present = `-P FORWARD ACCEPT
-N CNI-ADMIN
-N CNI-FORWARD
-A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD
-A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN
-A CNI-FORWARD -d 10.9.0.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A CNI-FORWARD -s 10.9.0.2/32 -j ACCEPT`;
    expect(planFilterLines(present, forwardSetupSteps(['10.9.0.2/32'], 'CNI-ADMIN'))).toEqual([]);
    expect(planFilterLines(present, forwardSetupSteps(['10.9.0.3/32'], 'CNI-ADMIN'))).toEqual([
      '-A CNI-FORWARD -d 10.9.0.3/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A CNI-FORWARD -s 10.9.0.3/32 -j ACCEPT',
    ]);
    expect(firstMissingStep(present, forwardSetupSteps(['10.9.0.2/32'], 'CNI-ADMIN'))).toBe(
      undefined,
    );
    expect(firstMissingStep(present, forwardSetupSteps(['10.9.0.3/32'], 'CNI-ADMIN'))).toEqual({
      kind: 'append',
      chain: 'CNI-FORWARD',
      rule: [
        '-d',
        '10.9.0.3/32',
        '-m',
        'conntrack',
        '--ctstate',
        'RELATED,ESTABLISHED',
        '-j',
        'ACCEPT',
      ],
    });
    expect(planFilterLines(present, forwardTeardownSteps(['10.9.0.2/32', '10.9.0.4/32']))).toEqual([
      '-D CNI-FORWARD -d 10.9.0.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-D CNI-FORWARD -s 10.9.0.2/32 -j ACCEPT',
    ]);
  });

  test('isolated adds the same-bridge drop ahead; two steps wanting one rule write it once', () => {
    const steps = [...isolationSteps('br-b', 'isolated'), ...isolationSteps('br-b', 'isolated')];
    const lines = planFilterLines(EMPTY, steps);
    expect(lines.filter((line) => line.includes('-o br-b -j DROP'))).toHaveLength(2);
    expect(lines).toContain(
      '-I CNI-ISOLATION-STAGE-1 1 -i br-b -o br-b -j DROP -m comment --comment "CNI firewall plugin rules (ingressPolicy: isolated)"',
    );
    expect(lines).toHaveLength(8);
  });

  test('from the listing text, only the chains the steps touch are read; same plan', () => {
    const text = `-P INPUT ACCEPT
-P FORWARD ACCEPT
-N CNI-ADMIN
-N CNI-FORWARD
-N KUBE-FORWARD
-A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD
-A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN
-A CNI-FORWARD -d 10.9.0.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A CNI-FORWARD -s 10.9.0.2/32 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "unterminated -j ACCEPT
  -A CNI-FORWARD -s 10.9.0.5/32 -j ACCEPT  `;
    for (const cidr of ['10.9.0.2/32', '10.9.0.3/32', '10.9.0.5/32']) {
      for (const steps of [
        forwardSetupSteps([cidr], 'CNI-ADMIN'),
        forwardTeardownSteps([cidr]),
        [...forwardSetupSteps([cidr], 'CNI-ADMIN'), ...isolationSteps('br-a', 'isolated')],
      ]) {
        const fromText = planChanges(listedTableState(text, steps), steps);
        expect(fromText).toEqual(planChanges(wholeState(text), steps));
      }
    }
    const state = listedTableState(text, forwardSetupSteps(['10.9.0.3/32'], 'CNI-ADMIN'));
    expect([...state.chains].sort()).toEqual(
      ['CNI-ADMIN', 'CNI-FORWARD', 'FORWARD', 'INPUT', 'KUBE-FORWARD'].sort(),
    );
    // KUBE-FORWARD's rule is not read: no step has a rule there.
    expect([...state.rules].some((identity) => identity.startsWith('KUBE-FORWARD'))).toBe(false);
    expect(state.rules.size).toBe(5);
  });

  test('no addresses of a family: nothing for it', () => {
    expect(forwardSetupSteps([], 'CNI-ADMIN')).toEqual([]);
  });
});
