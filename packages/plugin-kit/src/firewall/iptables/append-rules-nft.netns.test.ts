import { describe, expect, test } from 'bun:test';
import { formatHex } from '../../netlink/codec/hex.ts';
import { openNftSocket } from '../../netlink/netfilter/nft-socket.ts';
import { listedExprBytes, listNftRules } from '../../netlink/netfilter/rule.ts';
import { createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { iptablesNftSkipReason } from './_test-iptables-nft.ts';
import { appendRulesOverNetlink } from './append-rules-nft.ts';
import { addressRules } from './cni-firewall-rules.ts';

useTimeLimit('netns');

const reason = iptablesNftSkipReason('the ADD runs iptables-restore');

type Tool = 'iptables' | 'ip6tables';

/** A chain as `iptables -S` prints it, and each rule's expressions as the kernel lists them. */
function chainState(host: TestNetns, tool: Tool, chain: string) {
  const listed = host.exec([tool, '-S', chain]).trim().split('\n');
  using sock = openNftSocket({ netns: host.ns });
  const family = tool === 'iptables' ? 'ip' : 'ip6';
  const rules = listNftRules(sock, { family, table: 'filter', chain });
  return {
    listed,
    exprs: rules.map((rule) => {
      const bytes = listedExprBytes(rule);
      return bytes === undefined ? 'undecoded' : formatHex(bytes);
    }),
    userdata: rules.map((rule) => rule.comment ?? null),
  };
}

/** The same rules appended by the tool (`iptables -A`) in one namespace, by us in another. */
function compare(tool: Tool, cidrs: readonly string[]) {
  using theirs = createTestNetns();
  using ours = createTestNetns();
  const rules = cidrs.flatMap((cidr) => addressRules(cidr));
  for (const host of [theirs, ours]) host.exec([tool, '-N', 'CNI-FORWARD']);
  for (const rule of rules) theirs.exec([tool, '-A', 'CNI-FORWARD', ...rule]);
  const family = tool === 'iptables' ? 4 : 6;
  const appended = rules.map((rule) => ({ chain: 'CNI-FORWARD', rule }));
  expect(appendRulesOverNetlink(family, 'filter', appended, { netns: ours.ns })).toBe(true);
  const state = chainState(ours, tool, 'CNI-FORWARD');
  expect(state).toEqual(chainState(theirs, tool, 'CNI-FORWARD'));
  // Counters stay out of the comparison above only by being zero on both sides.
  expect(state.listed.length).toBe(rules.length + 1);
}

describe.skipIf(reason !== null)(
  `appendRulesOverNetlink${reason === null ? '' : ` (skipped: ${reason})`}`,
  () => {
    test('writes the per-address rules byte for byte as iptables-nft does (IPv4)', () => {
      compare('iptables', ['10.1.0.5/32', '10.1.0.6/32']);
    });

    test('and IPv6', () => {
      compare('ip6tables', ['fd00::5/128']);
    });

    test('iptables checks and deletes what it wrote', () => {
      using host = createTestNetns();
      host.exec(['iptables', '-N', 'CNI-FORWARD']);
      const rules = addressRules('10.1.0.7/32');
      const appended = rules.map((rule) => ({ chain: 'CNI-FORWARD', rule }));
      expect(appendRulesOverNetlink(4, 'filter', appended, { netns: host.ns })).toBe(true);
      for (const rule of rules) {
        host.exec(['iptables', '-C', 'CNI-FORWARD', ...rule]);
        host.exec(['iptables', '-D', 'CNI-FORWARD', ...rule]);
      }
      expect(host.exec(['iptables', '-S', 'CNI-FORWARD']).trim()).toBe('-N CNI-FORWARD');
    });

    test('false, with nothing written, for a missing chain, an unknown form or a runner', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      const rule = ['-s', '10.1.0.8/32', '-j', 'ACCEPT'];
      // The table exists (a chain of it is made), the chain the rule names does not.
      host.exec(['iptables', '-N', 'OTHER']);
      expect(appendRulesOverNetlink(4, 'filter', [{ chain: 'CNI-FORWARD', rule }], options)).toBe(
        false,
      );
      host.exec(['iptables', '-N', 'CNI-FORWARD']);
      // A batch applies whole or not at all: a known rule with one the encoder does not know.
      const unknown = ['-s', '10.1.0.8/32', '-i', 'eth0', '-j', 'ACCEPT'];
      const both = [
        { chain: 'CNI-FORWARD', rule },
        { chain: 'CNI-FORWARD', rule: unknown },
      ];
      expect(appendRulesOverNetlink(4, 'filter', both, options)).toBe(false);
      const runner = () => ({ exitCode: 0, stdout: '', stderr: '' });
      expect(
        appendRulesOverNetlink(4, 'filter', [{ chain: 'CNI-FORWARD', rule }], {
          ...options,
          runner,
        }),
      ).toBe(false);
      expect(host.exec(['iptables', '-S', 'CNI-FORWARD']).trim()).toBe('-N CNI-FORWARD');
      // Nothing to append is done at once.
      expect(appendRulesOverNetlink(4, 'filter', [], options)).toBe(true);
    });
  },
);
