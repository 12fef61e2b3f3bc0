import { describe, expect, test } from 'bun:test';
import { createTestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { iptablesNftSkipReason } from './_test-iptables-nft.ts';
import { iptablesChainsAbsent } from './chain-probe.ts';

useTimeLimit('netns');

const reason = iptablesNftSkipReason('the probe answers false and the tool decides');

describe.skipIf(reason !== null)(
  `iptablesChainsAbsent over netlink${reason === null ? '' : ` (skipped: ${reason})`}`,
  () => {
    test('sees chains iptables made, per family, and no chain where none is', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      // No nat table at all yet.
      expect(iptablesChainsAbsent(4, 'nat', ['CNI-probe-a'], options)).toBe(true);
      host.exec(['iptables', '-t', 'nat', '-N', 'CNI-probe-a']);
      expect(iptablesChainsAbsent(4, 'nat', ['CNI-probe-a'], options)).toBe(false);
      expect(iptablesChainsAbsent(4, 'nat', ['CNI-probe-b'], options)).toBe(true);
      expect(iptablesChainsAbsent(6, 'nat', ['CNI-probe-a'], options)).toBe(true);
      host.exec(['ip6tables', '-t', 'nat', '-N', 'CNI-probe-a']);
      expect(iptablesChainsAbsent(6, 'nat', ['CNI-probe-a'], options)).toBe(false);
      // Several names: absent only when none of them is there.
      expect(iptablesChainsAbsent(4, 'nat', ['CNI-probe-b', 'CNI-probe-c'], options)).toBe(true);
      expect(iptablesChainsAbsent(4, 'nat', ['CNI-probe-b', 'CNI-probe-a'], options)).toBe(false);
    });

    test('a test command runner always gets false: the tool is asked', () => {
      using host = createTestNetns();
      const runner = () => ({ exitCode: 0, stdout: '', stderr: '' });
      expect(iptablesChainsAbsent(4, 'nat', ['CNI-x'], { netns: host.ns, runner })).toBe(false);
    });
  },
);
