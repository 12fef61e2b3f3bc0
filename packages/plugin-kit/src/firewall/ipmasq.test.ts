import { describe, expect, test } from 'bun:test';
import type { RecordedCommand } from './fake-command-runner.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { EXIT_TOOL_MISSING, isFirewallError } from './firewall-error.ts';
import { checkIpMasq, gcIpMasq, setupIpMasq, teardownIpMasq } from './ipmasq.ts';
import { isIpMasqCheckError } from './ipmasq-errors.ts';

const attachment = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24'],
};

const tools = (calls: readonly RecordedCommand[]): string[] => [
  ...new Set(calls.map((call) => call.argv[0] ?? '')),
];

describe('setupIpMasq', () => {
  test('uses only the named backend', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-C')
        ? commandFailed(1, 'Bad rule (does a matching rule exist in that chain?)')
        : commandOk(),
    );
    setupIpMasq({ ...attachment, backend: 'iptables', runner: fake.run });
    expect(tools(fake.calls)).toEqual(['iptables']);
    const nft = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandFailed(1, 'Error: No such file or directory') : commandOk(),
    );
    setupIpMasq({ ...attachment, backend: 'nftables', runner: nft.run });
    expect(tools(nft.calls)).toEqual(['nft']);
  });
});

describe('teardownIpMasq', () => {
  test('cleans both backends when none is named', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandFailed(1, 'Error: No such file or directory') : commandOk(),
    );
    teardownIpMasq({ ...attachment, runner: fake.run });
    expect(tools(fake.calls)).toEqual(['iptables', 'nft']);
  });

  test('ignores the failure of a backend that is not usable here, as upstream', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv[0] === 'nft' ? commandFailed(EXIT_TOOL_MISSING, 'not found') : commandOk(),
    );
    expect(() => teardownIpMasq({ ...attachment, runner: fake.run })).not.toThrow();
  });

  test('reports the failure of a usable backend after trying the other', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv[0] === 'iptables' && argv[3] === '-F') return commandFailed(4, 'Resource busy');
      if (argv.includes('list')) return commandFailed(1, 'Error: No such file or directory');
      return commandOk();
    });
    try {
      teardownIpMasq({ ...attachment, runner: fake.run });
      throw new Error('unreachable');
    } catch (error) {
      expect(isFirewallError(error)).toBe(true);
    }
    expect(tools(fake.calls)).toContain('nft');
  });

  test('throws an AggregateError when both usable backends fail', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S') && argv.includes('POSTROUTING')) return commandFailed(4, 'boom');
      if (argv.includes('list')) return commandFailed(4, 'boom');
      return commandOk();
    });
    expect(() => teardownIpMasq({ ...attachment, runner: fake.run })).toThrow(AggregateError);
  });
});

describe('gcIpMasq', () => {
  test('visits the named backend only, or both', () => {
    const one = createFakeCommandRunner(() => commandOk('-P POSTROUTING ACCEPT\n'));
    gcIpMasq({ network: 'pur-brnet', validAttachments: [], backend: 'iptables', runner: one.run });
    expect(tools(one.calls)).toEqual(['iptables', 'ip6tables']);
    const both = createFakeCommandRunner((argv) =>
      argv[0] === 'nft' ? commandFailed(1, 'Error: No such file or directory') : commandOk(''),
    );
    gcIpMasq({ network: 'pur-brnet', validAttachments: [], runner: both.run });
    expect(tools(both.calls)).toEqual(['iptables', 'ip6tables', 'nft']);
  });
});

describe('checkIpMasq', () => {
  test('throws IpMasqCheckError listing what is missing', () => {
    const fake = createFakeCommandRunner(() => commandFailed(1, 'Bad rule'));
    try {
      checkIpMasq({ ...attachment, backend: 'iptables', runner: fake.run });
      throw new Error('unreachable');
    } catch (error) {
      expect(isIpMasqCheckError(error)).toBe(true);
      if (isIpMasqCheckError(error)) expect(error.missing).toHaveLength(3);
    }
    const ok = createFakeCommandRunner(() => commandOk());
    expect(() => checkIpMasq({ ...attachment, backend: 'iptables', runner: ok.run })).not.toThrow();
  });
});
