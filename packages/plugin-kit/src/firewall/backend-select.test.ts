import { describe, expect, test } from 'bun:test';
import { selectIpMasqBackend, supportsIptables, supportsNftables } from './backend-select.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { EXIT_TOOL_MISSING } from './firewall-error.ts';
import { isUnknownIpMasqBackendError } from './ipmasq-errors.ts';

type Tool = 'iptables' | 'nft';

/** A machine where each tool is usable, installed but refused, or missing. */
function machine(state: Record<Tool, 'usable' | 'refused' | 'missing'>) {
  return createFakeCommandRunner((argv) => {
    const tool = argv[0] as Tool;
    if (state[tool] === 'missing') return commandFailed(EXIT_TOOL_MISSING, 'not found');
    if (argv[1] === '--version') return commandOk(`${tool} v1\n`);
    return state[tool] === 'usable' ? commandOk() : commandFailed(4, 'Operation not permitted');
  });
}

describe('selectIpMasqBackend', () => {
  test('takes "iptables" and "nftables" as given without probing', () => {
    const fake = machine({ iptables: 'missing', nft: 'missing' });
    expect(selectIpMasqBackend('iptables', { runner: fake.run })).toBe('iptables');
    expect(selectIpMasqBackend('nftables', { runner: fake.run })).toBe('nftables');
    expect(fake.calls).toEqual([]);
  });

  test('refuses any other value, "" included, with upstream\'s text', () => {
    for (const value of ['', 'IPTABLES', 'ebtables']) {
      try {
        selectIpMasqBackend(value);
        throw new Error('unreachable');
      } catch (error) {
        expect(isUnknownIpMasqBackendError(error)).toBe(true);
        expect(String(error)).toContain(`unknown ipmasq backend "${value}"`);
      }
    }
  });

  test('defaults like upstream SetupIPMasqForNetworks', () => {
    const cases: [Record<Tool, 'usable' | 'refused' | 'missing'>, string][] = [
      [{ iptables: 'usable', nft: 'usable' }, 'iptables'],
      [{ iptables: 'usable', nft: 'missing' }, 'iptables'],
      [{ iptables: 'refused', nft: 'usable' }, 'nftables'],
      [{ iptables: 'missing', nft: 'usable' }, 'nftables'],
      [{ iptables: 'refused', nft: 'refused' }, 'iptables'],
      [{ iptables: 'missing', nft: 'refused' }, 'nftables'],
      [{ iptables: 'missing', nft: 'missing' }, 'iptables'],
    ];
    for (const [state, expected] of cases) {
      expect(selectIpMasqBackend(undefined, { runner: machine(state).run })).toBe(
        expected as 'iptables',
      );
    }
  });
});

describe('supportsIptables / supportsNftables', () => {
  test('probe with the commands go-iptables and knftables use', () => {
    const fake = machine({ iptables: 'usable', nft: 'usable' });
    expect(supportsIptables({ runner: fake.run })).toBe(true);
    expect(supportsNftables({ runner: fake.run })).toBe(true);
    expect(fake.calls.map((call) => call.argv)).toEqual([
      ['iptables', '-t', 'filter', '-S', 'INPUT', '1', '--wait'],
      ['nft', '--check', 'add', 'table', 'inet', 'cni_plugins_masquerade'],
    ]);
  });
});
