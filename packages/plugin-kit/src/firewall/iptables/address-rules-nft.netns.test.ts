import { describe, expect, test } from 'bun:test';
import { createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { iptablesNftSkipReason } from './_test-iptables-nft.ts';
import { deleteAddressRulesOverNetlink } from './address-rules-nft.ts';

useTimeLimit('netns');

const reason = iptablesNftSkipReason('the DEL runs iptables-restore');

/** CNI-FORWARD as `iptables -S` prints it, without the chain line. */
function forwardRules(host: TestNetns, tool: 'iptables' | 'ip6tables'): string[] {
  return host
    .exec([tool, '-S', 'CNI-FORWARD'])
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('-A '));
}

function add(host: TestNetns, tool: 'iptables' | 'ip6tables', rule: string): void {
  host.exec([tool, '-A', 'CNI-FORWARD', ...rule.split(' ')]);
}

const ESTABLISHED = '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT';

describe.skipIf(reason !== null)(
  `deleteAddressRulesOverNetlink${reason === null ? '' : ` (skipped: ${reason})`}`,
  () => {
    test('deletes the first of each of the two rules of each address, and nothing else', () => {
      using host = createTestNetns();
      host.exec(['iptables', '-N', 'CNI-FORWARD']);
      const decoys = [
        `-d 10.1.0.5/32 -m conntrack --ctstate ESTABLISHED -j ACCEPT`,
        '-s 10.1.0.5/32 -j DROP',
        '-s 10.1.0.0/24 -j ACCEPT',
        '-s 10.1.0.6/32 -j ACCEPT',
        '-s 10.1.0.5/32 -i eth0 -j ACCEPT',
      ];
      for (const rule of decoys) add(host, 'iptables', rule);
      for (const rule of [`-d 10.1.0.5/32 ${ESTABLISHED}`, '-s 10.1.0.5/32 -j ACCEPT']) {
        add(host, 'iptables', rule);
        add(host, 'iptables', rule); // a second copy: iptables -D takes the first only
      }
      const options = { netns: host.ns };
      expect(deleteAddressRulesOverNetlink(4, ['10.1.0.5/32'], options)).toBe(true);
      expect(forwardRules(host, 'iptables')).toEqual([
        ...decoys.map((rule) => `-A CNI-FORWARD ${rule}`),
        `-A CNI-FORWARD -d 10.1.0.5/32 ${ESTABLISHED}`,
        '-A CNI-FORWARD -s 10.1.0.5/32 -j ACCEPT',
      ]);
      // Again: the copies go.
      expect(deleteAddressRulesOverNetlink(4, ['10.1.0.5/32'], options)).toBe(true);
      const left = decoys.map((rule) => `-A CNI-FORWARD ${rule}`);
      expect(forwardRules(host, 'iptables')).toEqual(left);
      // A third time, or with one of the two rules gone, the tool decides: nothing is deleted.
      expect(deleteAddressRulesOverNetlink(4, ['10.1.0.5/32'], options)).toBe(false);
      add(host, 'iptables', '-s 10.1.0.5/32 -j ACCEPT');
      expect(deleteAddressRulesOverNetlink(4, ['10.1.0.5/32'], options)).toBe(false);
      expect(forwardRules(host, 'iptables')).toEqual([
        ...left,
        '-A CNI-FORWARD -s 10.1.0.5/32 -j ACCEPT',
      ]);
    });

    test('IPv6 alike; a missing table or chain is nothing to delete', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      expect(deleteAddressRulesOverNetlink(6, ['fd00::5/128'], options)).toBe(true);
      host.exec(['ip6tables', '-N', 'CNI-FORWARD']);
      add(host, 'ip6tables', '-s fd00::6/128 -j ACCEPT');
      add(host, 'ip6tables', `-d fd00::5/128 ${ESTABLISHED}`);
      add(host, 'ip6tables', '-s fd00::5/128 -j ACCEPT');
      expect(deleteAddressRulesOverNetlink(6, ['fd00::5/128'], options)).toBe(true);
      expect(forwardRules(host, 'ip6tables')).toEqual(['-A CNI-FORWARD -s fd00::6/128 -j ACCEPT']);
    });

    test('a test command runner gets false: the tool does it', () => {
      using host = createTestNetns();
      const runner = () => ({ exitCode: 0, stdout: '', stderr: '' });
      expect(deleteAddressRulesOverNetlink(4, ['10.1.0.5/32'], { netns: host.ns, runner })).toBe(
        false,
      );
    });
  },
);
