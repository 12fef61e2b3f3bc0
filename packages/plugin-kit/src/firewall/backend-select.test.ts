import { describe, expect, test } from 'bun:test';
import { createFakeNftKernel } from '../testing/fake-nftables.ts';
import { selectIpMasqBackend, supportsIptables, supportsNftables } from './backend-select.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { EXIT_TOOL_MISSING } from './firewall-error.ts';
import { isUnknownIpMasqBackendError } from './ipmasq-errors.ts';

type Tool = 'iptables' | 'nft';

/** A machine where each tool is usable, installed but refused, or missing. */
function machine(state: Record<Tool, 'usable' | 'refused' | 'missing'>) {
  const runner = createFakeCommandRunner((argv) => {
    const tool = argv[0] as Tool;
    if (state[tool] === 'missing') return commandFailed(EXIT_TOOL_MISSING, 'not found');
    if (argv[1] === '--version') return commandOk(`${tool} v1\n`);
    return state[tool] === 'usable' ? commandOk() : commandFailed(4, 'Operation not permitted');
  });
  // nftables itself is asked over netlink: a kernel that takes the probe, or refuses it.
  const kernel = createFakeNftKernel(state.nft === 'usable' ? {} : { refuse: 'EPERM' });
  return { ...runner, options: { runner: runner.run, nftSocket: kernel.socket } };
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
      expect(selectIpMasqBackend(undefined, machine(state).options)).toBe(expected as 'iptables');
    }
  });
});

describe('supportsIptables / supportsNftables', () => {
  test('iptables is probed with the command go-iptables uses; nftables over netlink, no process', () => {
    const fake = machine({ iptables: 'usable', nft: 'usable' });
    expect(supportsIptables(fake.options)).toBe(true);
    expect(supportsNftables(fake.options)).toBe(true);
    expect(fake.calls.map((call) => call.argv)).toEqual([
      ['iptables', '-t', 'filter', '-S', 'INPUT', '1', '--wait'],
    ]);
    expect(supportsNftables(machine({ iptables: 'usable', nft: 'refused' }).options)).toBe(false);
  });
});
