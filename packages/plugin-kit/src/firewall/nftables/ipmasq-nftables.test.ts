import { describe, expect, test } from 'bun:test';
import { NFT_MSG } from '../../netlink/netfilter/constants.ts';
import { masqSetupBatch as capturedSetup } from '../../netlink/netfilter/fixtures/batches.ts';
import { hex } from '../../netlink/netfilter/fixtures/mnl-debug.ts';
import { createFakeNftKernel } from '../../testing/fake-nftables.ts';
import { ipMasqNftables } from './ipmasq-nftables.ts';
import { masqSetupBatch } from './masq-objects.ts';

// The nftables masquerade driver over a fake nf_tables kernel: one transaction per
// operation, rules found by comment, deleted by handle; the bytes are nft's (goldens).

const target = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24', 'fd00:50::4/64'],
};
const other = { ...target, containerId: 'cid-br2', addresses: ['10.244.50.5/24'] };
const { NEWTABLE, NEWCHAIN, DELRULE, NEWRULE } = NFT_MSG;

describe('ipMasqNftables', () => {
  test("the setup batch is, byte for byte, what nft sends for upstream's text (fixtures/masq-setup)", () => {
    const ours = masqSetupBatch(
      [],
      [
        { ip: '10.244.50.4', network: '10.244.50.0/24' },
        { ip: 'fd00:50::4', network: 'fd00:50::/64' },
      ],
      '2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1',
    );
    const bytes = (batch: typeof ours) => batch.messages.map((m) => [m.type, hex(m.payload)]);
    expect(bytes(ours)).toEqual(bytes(capturedSetup()));
  });

  test('setup is one transaction; again replaces its own rules in the same transaction, adding only rules', () => {
    const kernel = createFakeNftKernel();
    const options = { nftSocket: kernel.socket };
    ipMasqNftables.setup(target, options);
    ipMasqNftables.setup(other, options);
    const before = kernel.ruleHandles('masq_checks');
    ipMasqNftables.setup(target, options);
    expect(kernel.batches).toHaveLength(3);
    expect(kernel.batches[0]).toEqual([
      NEWTABLE,
      NEWCHAIN,
      NEWCHAIN,
      DELRULE,
      NEWRULE,
      NEWRULE,
      NEWRULE,
      NEWRULE,
      NEWRULE,
    ]);
    // Table, chains and postrouting already right: the later transactions only touch rules,
    // and only masq_checks' (no flush of postrouting, no table or chain message).
    expect(new Set(kernel.batches[1])).toEqual(new Set([NEWRULE]));
    expect(new Set(kernel.batches[2])).toEqual(new Set([DELRULE, NEWRULE]));
    expect(kernel.batches[2]?.filter((type) => type === DELRULE)).toHaveLength(2); // the 2 stale
    const after = kernel.ruleHandles('masq_checks');
    expect(after).toHaveLength(3);
    expect(after).toContain(before[2] ?? -1); // cid-br2's rule stays
    expect(kernel.ruleHandles('postrouting')).toHaveLength(3);
    expect(ipMasqNftables.check(target, options)).toEqual([]);
    expect(ipMasqNftables.check(other, options)).toEqual([]);
  });

  test("teardown deletes the attachment's rules by handle; nothing there is no transaction", () => {
    const kernel = createFakeNftKernel();
    const options = { nftSocket: kernel.socket };
    ipMasqNftables.teardown(target, options); // no table at all
    expect(kernel.batches).toEqual([]);
    ipMasqNftables.setup(target, options);
    ipMasqNftables.setup(other, options);
    ipMasqNftables.teardown({ ...target, addresses: [] }, options);
    expect(kernel.batches.at(-1)).toEqual([DELRULE, DELRULE]);
    expect(kernel.ruleHandles('masq_checks')).toHaveLength(1);
    ipMasqNftables.teardown(target, options);
    expect(kernel.batches).toHaveLength(3);
  });

  test('a ruleset changed by another process between read and write: read again, then commit', () => {
    const kernel = createFakeNftKernel();
    ipMasqNftables.setup(target, { nftSocket: kernel.socket });
    let opened = 0;
    const racing = () => {
      const sock = kernel.socket();
      const generation = sock.generation.bind(sock);
      sock.generation = () => {
        const value = generation();
        if (opened++ === 0) kernel.bumpGeneration(); // someone commits after our read
        return value;
      };
      return sock;
    };
    ipMasqNftables.teardown(target, { nftSocket: racing });
    expect(kernel.ruleHandles('masq_checks')).toEqual([]);
  });

  test("gc removes the network's rules of attachments that are not valid", () => {
    const kernel = createFakeNftKernel();
    const options = { nftSocket: kernel.socket };
    ipMasqNftables.setup(target, options);
    ipMasqNftables.setup(other, options);
    ipMasqNftables.setup(
      { ...target, network: 'pur-other', addresses: ['10.245.0.2/16'] },
      options,
    );
    ipMasqNftables.gc('pur-brnet', [{ containerId: 'cid-br2', ifName: 'eth0' }], options);
    expect(kernel.ruleHandles('masq_checks')).toHaveLength(2);
    expect(ipMasqNftables.check(other, options)).toEqual([]);
  });

  test('check names what is missing', () => {
    const kernel = createFakeNftKernel();
    expect(ipMasqNftables.check(target, { nftSocket: kernel.socket })).toEqual([
      'chain inet cni_plugins_masquerade postrouting (nat postrouting, goto masq_checks)',
      'rule masq_checks ip saddr 10.244.50.4 daddr != 10.244.50.0/24 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"',
      'rule masq_checks ip6 saddr fd00:50::4 daddr != fd00:50::/64 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"',
    ]);
  });

  test("a refused transaction surfaces as the kernel's error", () => {
    const kernel = createFakeNftKernel({ refuse: 'EPERM' });
    expect(() => ipMasqNftables.setup(target, { nftSocket: kernel.socket })).toThrow('EPERM');
  });
});
