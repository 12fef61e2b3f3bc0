import { describe, expect, test } from 'bun:test';
import { commandFailed, commandOk, createFakeCommandRunner } from '../fake-command-runner.ts';
import { NFT_LIST_CHAIN, NFT_LIST_TABLE } from '../fixtures/captured.ts';
import { ipMasqNftables } from './ipmasq-nftables.ts';

const NO_TABLE =
  'Error: No such file or directory\nlist chain inet cni_plugins_masquerade masq_checks\n';
const LIST_CHAIN = ['nft', '-j', 'list', 'chain', 'inet', 'cni_plugins_masquerade', 'masq_checks'];
const APPLY = ['nft', '-f', '-'];

const target = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24', 'fd00:50::4/64'],
};

describe('ipMasqNftables.setup', () => {
  test('lists masq_checks, then applies one batch', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandFailed(1, NO_TABLE) : commandOk(),
    );
    ipMasqNftables.setup(target, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv)).toEqual([LIST_CHAIN, APPLY]);
    const batch = fake.calls[1]?.stdin ?? '';
    expect(batch.split('\n').filter((line) => line.startsWith('delete'))).toEqual([]);
    expect(batch).toContain(
      'add rule inet cni_plugins_masquerade masq_checks ip saddr == 10.244.50.4 ip daddr != 10.244.50.0/24 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"\n',
    );
    expect(batch).toContain(
      'add rule inet cni_plugins_masquerade masq_checks ip6 saddr == fd00:50::4 ip6 daddr != fd00:50::/64 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"\n',
    );
  });

  test("replaces the attachment's stale rules in the same batch, leaving the others", () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandOk(NFT_LIST_CHAIN) : commandOk(),
    );
    ipMasqNftables.setup(target, { runner: fake.run });
    const deletes = (fake.calls[1]?.stdin ?? '').split('\n').filter((l) => l.startsWith('delete'));
    expect(deletes).toEqual([
      'delete rule inet cni_plugins_masquerade masq_checks handle 6',
      'delete rule inet cni_plugins_masquerade masq_checks handle 7',
    ]);
  });
});

describe('ipMasqNftables.teardown', () => {
  test("deletes the attachment's rules by handle", () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandOk(NFT_LIST_CHAIN) : commandOk(),
    );
    ipMasqNftables.teardown({ ...target, addresses: [] }, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv)).toEqual([LIST_CHAIN, APPLY]);
    expect(fake.calls[1]?.stdin).toBe(
      'delete rule inet cni_plugins_masquerade masq_checks handle 6\ndelete rule inet cni_plugins_masquerade masq_checks handle 7\n',
    );
  });

  test('does nothing when the table or the rules are gone', () => {
    const gone = createFakeCommandRunner(() => commandFailed(1, NO_TABLE));
    ipMasqNftables.teardown(target, { runner: gone.run });
    expect(gone.calls.map((call) => call.argv)).toEqual([LIST_CHAIN]);
    const other = createFakeCommandRunner(() => commandOk(NFT_LIST_CHAIN));
    ipMasqNftables.teardown({ ...target, ifName: 'eth1' }, { runner: other.run });
    expect(other.calls).toHaveLength(1);
  });

  test('lists again and retries when a rule vanished before the batch ran', () => {
    let listings = 0;
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('list')) {
        listings++;
        return commandOk(
          listings === 1 ? NFT_LIST_CHAIN : NFT_LIST_CHAIN.replace('"handle": 7', '"handle": 70'),
        );
      }
      return listings === 1
        ? commandFailed(
            1,
            '/dev/stdin:2:60-60: Error: Could not process rule: No such file or directory\n',
          )
        : commandOk();
    });
    ipMasqNftables.teardown(target, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv)).toEqual([LIST_CHAIN, APPLY, LIST_CHAIN, APPLY]);
    expect(fake.calls[3]?.stdin).toContain('handle 70\n');
  });

  test('gives up after a bounded number of retries', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list')
        ? commandOk(NFT_LIST_CHAIN)
        : commandFailed(1, 'Error: Could not process rule: No such file or directory\n'),
    );
    expect(() => ipMasqNftables.teardown(target, { runner: fake.run })).toThrow('No such file');
    expect(fake.calls).toHaveLength(6);
  });
});

describe('ipMasqNftables.gc', () => {
  test("deletes the network's rules that match no valid attachment, nothing else", () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandOk(NFT_LIST_CHAIN) : commandOk(),
    );
    ipMasqNftables.gc('pur-brnet', [{ containerId: 'cid-br2', ifName: 'eth0' }], {
      runner: fake.run,
    });
    expect(fake.calls[1]?.stdin).toBe(
      'delete rule inet cni_plugins_masquerade masq_checks handle 6\ndelete rule inet cni_plugins_masquerade masq_checks handle 7\n',
    );
  });

  test('the ifname is part of the identity: another ifname of a valid container is stale', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('list') ? commandOk(NFT_LIST_CHAIN) : commandOk(),
    );
    ipMasqNftables.gc(
      'pur-brnet',
      [
        { containerId: 'cid-br1', ifName: 'eth0' },
        { containerId: 'cid-br2', ifName: 'net1' },
      ],
      { runner: fake.run },
    );
    expect(fake.calls[1]?.stdin).toBe(
      'delete rule inet cni_plugins_masquerade masq_checks handle 11\n',
    );
  });
});

describe('ipMasqNftables.check', () => {
  test('is satisfied by the captured table', () => {
    const fake = createFakeCommandRunner(() => commandOk(NFT_LIST_TABLE));
    expect(ipMasqNftables.check(target, { runner: fake.run })).toEqual([]);
    expect(fake.calls.map((call) => call.argv)).toEqual([
      ['nft', '-j', 'list', 'table', 'inet', 'cni_plugins_masquerade'],
    ]);
  });

  test('names a missing address rule and a missing postrouting chain', () => {
    const fake = createFakeCommandRunner(() => commandOk(NFT_LIST_CHAIN));
    expect(
      ipMasqNftables.check(
        { ...target, addresses: ['10.244.50.4/24', '10.244.60.4/24'] },
        {
          runner: fake.run,
        },
      ),
    ).toEqual([
      'chain inet cni_plugins_masquerade postrouting (nat postrouting, goto masq_checks)',
      'rule masq_checks ip saddr 10.244.60.4 daddr != 10.244.60.0/24 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"',
    ]);
  });
});
