import { describe, expect, test } from 'bun:test';
import type { RecordedCommand } from './fake-command-runner.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { EXIT_TOOL_MISSING, isFirewallError } from './firewall-error.ts';
import { NAT_S } from './fixtures/captured.ts';
import { checkIpMasq, gcIpMasq, setupIpMasq, teardownIpMasq } from './ipmasq.ts';
import { isIpMasqCheckError } from './ipmasq-errors.ts';

const attachment = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24'],
};

const CHAIN = 'CNI-d25dd76defe1afc7a2c8208b'; // pur-brnet + cid-br1

const tools = (calls: readonly RecordedCommand[]): string[] => [
  ...new Set(calls.map((call) => call.argv[0] ?? '')),
];

describe('setupIpMasq', () => {
  test('uses only the named backend', () => {
    const fake = createFakeCommandRunner();
    setupIpMasq({ ...attachment, backend: 'iptables', runner: fake.run });
    expect(tools(fake.calls)).toEqual(['iptables-restore']);
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
    expect(tools(fake.calls)).toEqual(['iptables-restore', 'nft']);
  });

  test('ignores the failure of a backend that is not usable here, as upstream', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv[0] === 'nft' ? commandFailed(EXIT_TOOL_MISSING, 'not found') : commandOk(),
    );
    expect(() => teardownIpMasq({ ...attachment, runner: fake.run })).not.toThrow();
  });

  test('reports the failure of a usable backend after trying the other', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv[0] === 'iptables-restore') return commandFailed(4, 'Resource busy');
      if (argv.includes('-S')) return commandOk(`-N ${CHAIN}\n`);
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
      if (argv[0] === 'iptables-restore' || argv.includes('nat')) return commandFailed(4, 'boom');
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
    const fake = createFakeCommandRunner(() => commandOk('-P POSTROUTING ACCEPT\n'));
    try {
      checkIpMasq({ ...attachment, backend: 'iptables', runner: fake.run });
      throw new Error('unreachable');
    } catch (error) {
      expect(isIpMasqCheckError(error)).toBe(true);
      if (isIpMasqCheckError(error)) expect(error.missing).toHaveLength(3);
    }
    const ok = createFakeCommandRunner(() => commandOk(NAT_S));
    expect(() => checkIpMasq({ ...attachment, backend: 'iptables', runner: ok.run })).not.toThrow();
  });
});
