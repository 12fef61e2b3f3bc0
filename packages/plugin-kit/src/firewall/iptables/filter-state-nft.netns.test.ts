import { describe, expect, test } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { isIptablesNft } from './chain-probe.ts';
import { forwardSetupSteps, isolationSteps } from './cni-firewall-rules.ts';
import { type FilterStep, planFilterLines, planFromState } from './filter-plan.ts';
import { filterStateOverNetlink } from './filter-state-nft.ts';
import { parseRuleLine, type RuleLine } from './rule-line.ts';

useTimeLimit('netns');

const nftVariant =
  Bun.which('iptables') !== null &&
  Bun.which('ip6tables') !== null &&
  isIptablesNft('iptables-restore') &&
  isIptablesNft('ip6tables-restore');
const reason = !canUseNetns()
  ? 'needs root and network namespaces'
  : nftVariant
    ? null
    : 'iptables here is not iptables-nft: the plan comes from `iptables -S`';

type Tool = 'iptables' | 'ip6tables';

function listing(host: TestNetns, tool: Tool): RuleLine[] {
  const lines: RuleLine[] = [];
  for (const text of host.exec([tool, '-t', 'filter', '-S']).split('\n')) {
    const line = parseRuleLine(text);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

/** The plan from the kernel's state next to the plan from the tool's listing. */
function plans(host: TestNetns, family: 4 | 6, steps: readonly FilterStep[]): [string[], string[]] {
  const state = filterStateOverNetlink(family, 'filter', steps, { netns: host.ns });
  if (state === undefined) throw new Error('the netlink state was refused');
  return [
    planFromState(state, steps),
    planFilterLines(listing(host, family === 4 ? 'iptables' : 'ip6tables'), steps),
  ];
}

function restore(host: TestNetns, tool: Tool, lines: readonly string[]): void {
  const file = `/tmp/${host.name}-restore`;
  writeFileSync(file, `*filter\n${lines.join('\n')}\nCOMMIT\n`);
  try {
    host.exec(['sh', '-c', `${tool}-restore --noflush < ${file}`]);
  } finally {
    rmSync(file, { force: true });
  }
}

const steps4 = [
  ...forwardSetupSteps(['10.1.0.5/32', '10.1.0.6/32'], 'CNI-ADMIN'),
  ...isolationSteps('cni-br0', 'isolated'),
];
const steps6 = [
  ...forwardSetupSteps(['fd00::5/128'], 'CNI-ADMIN'),
  ...isolationSteps('cni-br0', 'same-bridge'),
];

describe.skipIf(reason !== null)(
  `filterStateOverNetlink${reason === null ? '' : ` (skipped: ${reason})`}`,
  () => {
    test('plans what the listing of iptables -S plans: empty table, all there, one rule gone', () => {
      using host = createTestNetns();
      for (const [family, tool, steps] of [
        [4, 'iptables', steps4],
        [6, 'ip6tables', steps6],
      ] as const) {
        const [fromKernel, fromTool] = plans(host, family, steps);
        expect(fromKernel.length).toBeGreaterThan(5);
        expect(fromKernel).toEqual(fromTool);
        restore(host, tool, fromKernel);
        expect(plans(host, family, steps)).toEqual([[], []]);
        const removed = steps.find((step) => step.kind === 'append');
        if (removed === undefined || removed.kind !== 'append') throw new Error('no append step');
        host.exec([tool, '-D', removed.chain, ...removed.rule]);
        const [again, againTool] = plans(host, family, steps);
        expect(again).toHaveLength(1);
        expect(again).toEqual(againTool);
      }
    });

    test('a rule like one of the steps but in another form leaves the listing to the tool', () => {
      using host = createTestNetns();
      host.exec(['iptables', '-N', 'CNI-FORWARD']);
      const options = { netns: host.ns };
      expect(filterStateOverNetlink(4, 'filter', steps4, options)).toBeDefined();
      host.exec([
        'iptables',
        '-A',
        'CNI-FORWARD',
        '-s',
        '10.1.0.5/32',
        '-p',
        'tcp',
        '-j',
        'ACCEPT',
      ]);
      expect(filterStateOverNetlink(4, 'filter', steps4, options)).toBeUndefined();
    });

    test('steps of unknown form, or a test command runner: the tool lists', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      const odd: FilterStep[] = [
        { kind: 'append', chain: 'FORWARD', rule: ['-p', 'tcp', '-j', 'ACCEPT'] },
      ];
      expect(filterStateOverNetlink(4, 'filter', odd, options)).toBeUndefined();
      const runner = () => ({ exitCode: 0, stdout: '', stderr: '' });
      expect(filterStateOverNetlink(4, 'filter', steps4, { ...options, runner })).toBeUndefined();
    });
  },
);
