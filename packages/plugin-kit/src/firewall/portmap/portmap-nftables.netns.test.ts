import { describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { checkPortMapNftables, setupPortMapNftables } from './portmap-nftables.ts';
import type { PortMapTarget } from './portmap-types.ts';

useTimeLimit('netns');

const TARGET: PortMapTarget = {
  network: 'pur-chain',
  containerId: 'cid-1',
  mappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }],
  snat: true,
  masqAll: false,
  markMasqBit: 13,
  addresses: ['10.244.52.2/24'],
};

/** The rules of a chain of `ip cni_hostport` with their handles. */
function chainRules(host: TestNetns, chain: string): string[] {
  return host
    .exec(['nft', '-a', 'list', 'chain', 'ip', 'cni_hostport', chain])
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('# handle') && !line.startsWith('chain '));
}

const withoutHandles = (lines: readonly string[]) =>
  lines.map((line) => line.replace(/ # handle \d+/, ''));

const haveNft = Bun.which('nft') !== null;
const skip = !canUseNetns()
  ? 'needs root and namespaces'
  : haveNft
    ? null
    : 'needs nft to read the ruleset';

describe.skipIf(skip !== null)(
  `portmap nftables setup in a throwaway namespace${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('a later ADD only adds: entry rules keep their handles; other conditions rewrite them', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      setupPortMapNftables(TARGET, options);
      const entries = ['hostports_all', 'prerouting', 'output'].map((c) => chainRules(host, c));
      const second = { ...TARGET, containerId: 'cid-2', addresses: ['10.244.52.3/24'] };
      setupPortMapNftables(second, options);
      // Not flushed and rewritten: the same rules with the same handles.
      expect(['hostports_all', 'prerouting', 'output'].map((c) => chainRules(host, c))).toEqual(
        entries,
      );
      expect(checkPortMapNftables(TARGET, options)).toEqual([]);
      expect(checkPortMapNftables(second, options)).toEqual([]);
      const conditioned = {
        ...TARGET,
        containerId: 'cid-3',
        addresses: ['10.244.52.4/24'],
        conditions: { 4: ['ip saddr != 192.0.2.0/24'] },
      };
      setupPortMapNftables(conditioned, options);
      const prerouting = chainRules(host, 'prerouting');
      expect(prerouting).toHaveLength(1);
      expect(prerouting[0]).toContain('ip saddr != 192.0.2.0/24');
      expect(checkPortMapNftables(conditioned, options)).toEqual([]);
      // hostports_all holds the same two jumps, written again (new handles).
      const all = chainRules(host, 'hostports_all');
      expect(withoutHandles(all)).toEqual(withoutHandles(entries[0] ?? []));
      expect(all).not.toEqual(entries[0]);
    });
  },
);
