import { describe, expect, test } from 'bun:test';
import { createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { iptablesNftSkipReason } from './_test-iptables-nft.ts';
import { teardownMasqChainOverNetlink } from './masq-chain-nft.ts';

useTimeLimit('netns');

const reason = iptablesNftSkipReason('the teardown runs iptables-restore');

function nat(host: TestNetns, tool: 'iptables' | 'ip6tables', args: string): void {
  host.exec([tool, '-t', 'nat', ...args.split(' ')]);
}

function natRules(host: TestNetns, tool: 'iptables' | 'ip6tables'): string[] {
  return host
    .exec([tool, '-t', 'nat', '-S'])
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('-P '));
}

const CHAIN = 'CNI-0123456789abcdef01234567';
const DECOY = 'CNI-0123456789abcdef0123456';

describe.skipIf(reason !== null)(
  `teardownMasqChainOverNetlink${reason === null ? '' : ` (skipped: ${reason})`}`,
  () => {
    test('removes the chain and every jump to it, and nothing else; then finds it absent', () => {
      using host = createTestNetns();
      for (const chain of [CHAIN, DECOY]) nat(host, 'iptables', `-N ${chain}`);
      nat(host, 'iptables', `-A ${CHAIN} -d 10.1.0.0/24 -j ACCEPT`);
      nat(host, 'iptables', `-A ${CHAIN} ! -d 224.0.0.0/4 -j MASQUERADE`);
      nat(host, 'iptables', `-A ${DECOY} -j MASQUERADE`);
      nat(host, 'iptables', `-A POSTROUTING -s 10.1.0.5/32 -j ${CHAIN}`);
      nat(host, 'iptables', `-A POSTROUTING -s 10.1.0.9/32 -j ${DECOY}`);
      nat(host, 'iptables', '-A POSTROUTING -o eth9 -j MASQUERADE');
      nat(host, 'iptables', `-A POSTROUTING -s 10.1.0.6/32 -m comment --comment x -j ${CHAIN}`);
      const options = { netns: host.ns };
      expect(teardownMasqChainOverNetlink(4, CHAIN, options)).toBe('deleted');
      expect(natRules(host, 'iptables')).toEqual([
        `-N ${DECOY}`,
        `-A POSTROUTING -s 10.1.0.9/32 -j ${DECOY}`,
        '-A POSTROUTING -o eth9 -j MASQUERADE',
        `-A ${DECOY} -j MASQUERADE`,
      ]);
      expect(teardownMasqChainOverNetlink(4, CHAIN, options)).toBe('absent');
    });

    test('IPv6 alike; no nat table at all is absent; a test runner leaves it to the tool', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      expect(teardownMasqChainOverNetlink(6, CHAIN, options)).toBe('absent');
      nat(host, 'ip6tables', `-N ${CHAIN}`);
      nat(host, 'ip6tables', `-A ${CHAIN} ! -d ff00::/8 -j MASQUERADE`);
      nat(host, 'ip6tables', `-A POSTROUTING -s fd00::5/128 -j ${CHAIN}`);
      expect(teardownMasqChainOverNetlink(6, CHAIN, options)).toBe('deleted');
      expect(natRules(host, 'ip6tables')).toEqual([]);
      const runner = () => ({ exitCode: 0, stdout: '', stderr: '' });
      expect(teardownMasqChainOverNetlink(4, CHAIN, { ...options, runner })).toBeUndefined();
    });
  },
);
