import { describe, expect, test } from 'bun:test';
import {
  classifyFailure,
  EXIT_TOOL_MISSING,
  FirewallError,
  isFirewallError,
  isFirewallExists,
  isFirewallNotFound,
  isFirewallToolMissing,
} from './firewall-error.ts';

describe('classifyFailure', () => {
  test('knows the not-found texts of iptables-nft, iptables-legacy and nft', () => {
    // Each text was printed by the tools on this machine (iptables v1.8.9 nf_tables, nft 1.0.6).
    for (const [exitCode, stderr] of [
      [2, "iptables v1.8.9 (nf_tables): Chain 'CNI-xxx' does not exist\n"],
      [1, 'iptables: No chain/target/match by that name.\n'],
      [1, 'iptables: Bad rule (does a matching rule exist in that chain?).\n'],
      [1, 'Error: No such file or directory\nlist chain inet cni_plugins_masquerade masq_checks\n'],
      [1, '/dev/stdin:1:60-61: Error: Could not process rule: No such file or directory\n'],
    ] as const) {
      expect(classifyFailure(exitCode, stderr)).toBe('not-found');
    }
  });

  test('knows "exists", a missing tool and everything else', () => {
    expect(classifyFailure(1, 'iptables: Chain already exists.\n')).toBe('exists');
    expect(classifyFailure(EXIT_TOOL_MISSING, '')).toBe('tool-missing');
    expect(
      classifyFailure(
        4,
        'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)',
      ),
    ).toBe('failed');
  });
});

describe('FirewallError', () => {
  test('carries the tool, the arguments, the status and the text, and reads like go-iptables', () => {
    const error = new FirewallError(
      'iptables',
      ['-t', 'nat', '-D', 'POSTROUTING', '-j', 'CNI-x', '--wait'],
      2,
      "iptables v1.8.9 (nf_tables): Chain 'CNI-x' does not exist\n",
    );
    expect(error.message).toBe(
      "running [iptables -t nat -D POSTROUTING -j CNI-x --wait]: exit status 2: iptables v1.8.9 (nf_tables): Chain 'CNI-x' does not exist",
    );
    expect(error.code).toBe('not-found');
    expect(isFirewallError(error)).toBe(true);
    expect(isFirewallNotFound(error)).toBe(true);
    expect(isFirewallExists(error)).toBe(false);
    expect(isFirewallToolMissing(error)).toBe(false);
    expect(isFirewallNotFound(new Error('does not exist'))).toBe(false);
  });
});
