import { describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns, netnsSkipReason } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { createFakeCommandRunner } from '../fake-command-runner.ts';
import { setupIpMasq, teardownIpMasq } from '../ipmasq.ts';
import { masqTableState } from './nft-table-probe.ts';

useTimeLimit('netns');

const haveNft = Bun.which('nft') !== null;
const skip = netnsSkipReason() ?? (haveNft ? null : 'needs nft (Debian package nftables)');

const BR1 = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24'],
};

describe('masqTableState', () => {
  test('does not ask the kernel when a runner stands in for the system', () => {
    const fake = createFakeCommandRunner();
    expect(masqTableState({ runner: fake.run })).toBe('unknown');
    expect(fake.calls).toEqual([]);
  });
});

describe.skipIf(skip !== null || !canUseNetns())(
  `masqTableState in a throwaway namespace${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('absent in a new namespace, present once the nftables backend wrote rules', () => {
      using host = createTestNetns();
      expect(masqTableState({ netns: host.ns })).toBe('absent');
      setupIpMasq({ ...BR1, backend: 'nftables', netns: host.ns });
      expect(masqTableState({ netns: host.ns })).toBe('present');
      teardownIpMasq({ ...BR1, backend: 'nftables', netns: host.ns });
      // Teardown removes the rules, not the table (as upstream).
      expect(masqTableState({ netns: host.ns })).toBe('present');
      host.exec(['nft', 'delete', 'table', 'inet', 'cni_plugins_masquerade']);
      expect(masqTableState({ netns: host.ns })).toBe('absent');
    });
  },
);
