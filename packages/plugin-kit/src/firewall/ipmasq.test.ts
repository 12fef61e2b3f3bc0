import { describe, expect, test } from 'bun:test';
import { createFakeNftKernel } from '../testing/fake-nftables.ts';
import type { RecordedCommand } from './fake-command-runner.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { isFirewallError } from './firewall-error.ts';
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

/** An nf_tables kernel whose reads fail (the probe still finds nftables usable). */
function failingNft() {
  const kernel = createFakeNftKernel();
  return () => {
    const sock = kernel.socket();
    sock.generation = () => {
      throw new Error('boom');
    };
    return sock;
  };
}

describe('setupIpMasq', () => {
  test('uses only the named backend', () => {
    const fake = createFakeCommandRunner();
    const kernel = createFakeNftKernel();
    setupIpMasq({ ...attachment, backend: 'iptables', runner: fake.run, nftSocket: kernel.socket });
    expect(tools(fake.calls)).toEqual(['iptables-restore']);
    expect(kernel.transports).toHaveLength(0);
    const nft = createFakeCommandRunner();
    setupIpMasq({ ...attachment, backend: 'nftables', runner: nft.run, nftSocket: kernel.socket });
    expect(nft.calls).toEqual([]); // no process: netlink only
    expect(kernel.batches).toHaveLength(1);
  });
});

describe('teardownIpMasq', () => {
  test('cleans both backends when none is named', () => {
    const fake = createFakeCommandRunner();
    const kernel = createFakeNftKernel();
    teardownIpMasq({ ...attachment, runner: fake.run, nftSocket: kernel.socket });
    expect(tools(fake.calls)).toEqual(['iptables-restore']);
    expect(kernel.transports).toHaveLength(1);
  });

  test('ignores the failure of a backend that is not usable here, as upstream', () => {
    const fake = createFakeCommandRunner();
    const refused = createFakeNftKernel({ refuse: 'EPERM' });
    const options = { ...attachment, runner: fake.run, nftSocket: failingNft() };
    expect(() => teardownIpMasq({ ...options, nftSocket: refused.socket })).not.toThrow();
  });

  test('reports the failure of a usable backend after trying the other', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv[0] === 'iptables-restore') return commandFailed(4, 'Resource busy');
      if (argv.includes('-S')) return commandOk(`-N ${CHAIN}\n`);
      return commandOk();
    });
    const kernel = createFakeNftKernel();
    try {
      teardownIpMasq({ ...attachment, runner: fake.run, nftSocket: kernel.socket });
      throw new Error('unreachable');
    } catch (error) {
      expect(isFirewallError(error)).toBe(true);
    }
    expect(kernel.transports.length).toBeGreaterThan(0);
  });

  test('throws an AggregateError when both usable backends fail', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv[0] === 'iptables-restore' || argv.includes('nat')) return commandFailed(4, 'boom');
      return commandOk();
    });
    expect(() =>
      teardownIpMasq({ ...attachment, runner: fake.run, nftSocket: failingNft() }),
    ).toThrow(AggregateError);
  });
});

describe('gcIpMasq', () => {
  test('visits the named backend only, or both', () => {
    const one = createFakeCommandRunner(() => commandOk('-P POSTROUTING ACCEPT\n'));
    const kernel = createFakeNftKernel();
    const base = { network: 'pur-brnet', validAttachments: [], nftSocket: kernel.socket };
    gcIpMasq({ ...base, backend: 'iptables', runner: one.run });
    expect(tools(one.calls)).toEqual(['iptables', 'ip6tables']);
    expect(kernel.transports).toHaveLength(0);
    const both = createFakeCommandRunner(() => commandOk(''));
    gcIpMasq({ ...base, runner: both.run });
    expect(tools(both.calls)).toEqual(['iptables', 'ip6tables']);
    expect(kernel.transports).toHaveLength(1);
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
