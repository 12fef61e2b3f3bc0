import { describe, expect, test } from 'bun:test';
import { NFT_MSG } from '@cni-ts/plugin-kit';
import { createFakeNftKernel } from '@cni-ts/plugin-kit/testing';
import {
  listSpoofCheck,
  setupSpoofCheck,
  spoofCheckId,
  spoofCheckJumps,
  spoofCheckSetupBatch,
  teardownSpoofCheck,
  withSpoofCheckSocket,
} from './spoof-check.ts';

// The spoof check over a fake nf_tables kernel; bridge-options.netns.test.ts compares the
// kernel objects with the Go plugin's, and plugin-kit's goldens the bytes with nft's.

const target = {
  id: spoofCheckId('cid-sp1', 'eth0'),
  hostIfName: 'veth8ca2e2e3',
  containerMac: '16:1a:51:39:ee:82',
};
const { NEWTABLE, NEWCHAIN, DELCHAIN, NEWRULE, DELRULE } = NFT_MSG;

describe('spoof check', () => {
  test('setup is one transaction: table, PREROUTING, both chains emptied, four rules', () => {
    const batch = spoofCheckSetupBatch(target);
    expect(batch.messages.map((m) => m.object)).toEqual([
      'table bridge nat',
      'chain bridge nat PREROUTING',
      'chain bridge nat cni-br-iface-cid-sp1-eth0',
      'chain bridge nat cni-br-iface-cid-sp1-eth0-mac',
      'chain bridge nat cni-br-iface-cid-sp1-eth0',
      'chain bridge nat cni-br-iface-cid-sp1-eth0-mac',
      'rule bridge nat PREROUTING',
      'rule bridge nat cni-br-iface-cid-sp1-eth0',
      'rule bridge nat cni-br-iface-cid-sp1-eth0-mac',
      'rule bridge nat cni-br-iface-cid-sp1-eth0-mac',
    ]);
    const kernel = createFakeNftKernel();
    setupSpoofCheck(target, { nftSocket: kernel.socket });
    expect(kernel.batches).toEqual([
      [
        NEWTABLE,
        NEWCHAIN,
        NEWCHAIN,
        NEWCHAIN,
        DELRULE,
        DELRULE,
        NEWRULE,
        NEWRULE,
        NEWRULE,
        NEWRULE,
      ],
    ]);
    const listing = withSpoofCheckSocket({ nftSocket: kernel.socket }, listSpoofCheck);
    expect([...listing.chains]).toEqual([
      'PREROUTING',
      'cni-br-iface-cid-sp1-eth0',
      'cni-br-iface-cid-sp1-eth0-mac',
    ]);
    expect(spoofCheckJumps(listing)).toEqual([{ id: 'cid-sp1-eth0', hostIfName: 'veth8ca2e2e3' }]);
  });

  test("setup again replaces the attachment's rules and leaves one jump", () => {
    const kernel = createFakeNftKernel();
    setupSpoofCheck(target, { nftSocket: kernel.socket });
    setupSpoofCheck({ ...target, hostIfName: 'veth2' }, { nftSocket: kernel.socket });
    expect(kernel.batches[1]?.filter((type) => type === DELRULE)).toHaveLength(3);
    expect(kernel.ruleHandles('PREROUTING')).toHaveLength(1);
    expect(kernel.ruleHandles('cni-br-iface-cid-sp1-eth0-mac')).toHaveLength(2);
    const listing = withSpoofCheckSocket({ nftSocket: kernel.socket }, listSpoofCheck);
    expect(spoofCheckJumps(listing)).toEqual([{ id: 'cid-sp1-eth0', hostIfName: 'veth2' }]);
  });

  test('teardown: the jump, then both chains; with nothing left, no transaction', () => {
    const kernel = createFakeNftKernel();
    setupSpoofCheck(target, { nftSocket: kernel.socket });
    teardownSpoofCheck(target.id, { nftSocket: kernel.socket });
    expect(kernel.batches[1]).toEqual([DELRULE, DELCHAIN, DELCHAIN]);
    teardownSpoofCheck(target.id, { nftSocket: kernel.socket });
    expect(kernel.batches).toHaveLength(2);
    const listing = withSpoofCheckSocket({ nftSocket: kernel.socket }, listSpoofCheck);
    expect([...listing.chains]).toEqual(['PREROUTING']);
  });

  test("a refused transaction is the kernel's error", () => {
    const kernel = createFakeNftKernel({ refuse: 'EPERM' });
    expect(() => setupSpoofCheck(target, { nftSocket: kernel.socket })).toThrow('EPERM');
  });
});
