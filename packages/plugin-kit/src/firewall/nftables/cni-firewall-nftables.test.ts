import { describe, expect, test } from 'bun:test';
import { NLM_F } from '../../netlink/codec/constants.ts';
import type { NftChain } from '../../netlink/netfilter/chain.ts';
import { NF_INET } from '../../netlink/netfilter/constants.ts';
import { ctStateIn } from '../../netlink/netfilter/match.ts';
import type { NftRule } from '../../netlink/netfilter/rule.ts';
import { nftFirewallSetupBatch } from './cni-firewall-nftables.ts';
import { addressRuleExprs, FIREWALL_TABLE, jumpTo, NFT_FIREWALL } from './firewall-objects.ts';
import { commentForInstance } from './masq-comment.ts';

const TARGET = {
  network: 'net1',
  containerId: 'cid1',
  ifName: 'eth0',
  addresses: ['10.1.0.5/24'],
  adminChain: 'CNI-ADMIN',
} as const;

function rule(chain: string, exprs: NftRule['exprs'], handle: number, comment?: string): NftRule {
  return { ...FIREWALL_TABLE, chain, exprs, handle, ...(comment === undefined ? {} : { comment }) };
}

/** The batch as `op object` lines, inserts marked. */
function ops(rules: NftRule[], target: Parameters<typeof nftFirewallSetupBatch>[0] = TARGET) {
  return nftFirewallSetupBatch(target, rules).messages.map(
    (m) =>
      `${m.op}${m.op === 'NFT_MSG_NEWRULE' && (m.flags & NLM_F.APPEND) === 0 ? ' (insert)' : ''} ${m.object}`,
  );
}

const SKELETON = [
  'NFT_MSG_NEWTABLE table inet cni_plugins_firewall',
  'NFT_MSG_NEWCHAIN chain inet cni_plugins_firewall forward',
  'NFT_MSG_NEWCHAIN chain inet cni_plugins_firewall cni_forward',
  'NFT_MSG_NEWCHAIN chain inet cni_plugins_firewall CNI-ADMIN',
  'NFT_MSG_NEWCHAIN chain inet cni_plugins_firewall isolation_stage_1',
  'NFT_MSG_NEWCHAIN chain inet cni_plugins_firewall isolation_stage_2',
  'NFT_MSG_DELRULE chain inet cni_plugins_firewall forward',
  'NFT_MSG_NEWRULE rule inet cni_plugins_firewall forward',
  'NFT_MSG_NEWRULE rule inet cni_plugins_firewall forward',
];

describe('the nftables firewall transaction', () => {
  test('fresh: skeleton, the admin jump inserted, two rules per address, isolation inserted', () => {
    const isolated = { ...TARGET, isolation: { bridge: 'br0', policy: 'isolated' as const } };
    expect(ops([], isolated)).toEqual([
      ...SKELETON,
      'NFT_MSG_NEWRULE (insert) rule inet cni_plugins_firewall cni_forward',
      'NFT_MSG_NEWRULE rule inet cni_plugins_firewall cni_forward',
      'NFT_MSG_NEWRULE rule inet cni_plugins_firewall cni_forward',
      'NFT_MSG_NEWRULE (insert) rule inet cni_plugins_firewall isolation_stage_1',
      'NFT_MSG_NEWRULE (insert) rule inet cni_plugins_firewall isolation_stage_1',
      'NFT_MSG_NEWRULE (insert) rule inet cni_plugins_firewall isolation_stage_2',
    ]);
  });

  test('again with the same addresses: only the skeleton; changed addresses replace the rules', () => {
    const comment = commentForInstance('net1', 'eth0', 'cid1');
    const [established = [], from = []] = addressRuleExprs({ ip: '10.1.0.5', family: 4 });
    const present = [
      rule(NFT_FIREWALL.CNI_FORWARD, jumpTo('CNI-ADMIN'), 1),
      rule(NFT_FIREWALL.CNI_FORWARD, established, 2, comment),
      rule(NFT_FIREWALL.CNI_FORWARD, from, 3, comment),
    ];
    expect(ops(present)).toHaveLength(SKELETON.length);
    expect(ops(present, { ...TARGET, addresses: ['10.1.0.6/24'] }).slice(SKELETON.length)).toEqual([
      'NFT_MSG_DELRULE rule inet cni_plugins_firewall cni_forward handle 2',
      'NFT_MSG_DELRULE rule inet cni_plugins_firewall cni_forward handle 3',
      'NFT_MSG_NEWRULE rule inet cni_plugins_firewall cni_forward',
      'NFT_MSG_NEWRULE rule inet cni_plugins_firewall cni_forward',
    ]);
  });

  test('with the skeleton in place (chains as made, the two jumps): only rule messages', () => {
    const chain = (name: string, extra: Partial<NftChain> = {}): NftChain => ({
      ...FIREWALL_TABLE,
      name,
      handle: 1,
      use: 0,
      ...extra,
    });
    const chains = [
      chain(NFT_FIREWALL.FORWARD, {
        type: 'filter',
        hook: { hooknum: NF_INET.FORWARD, priority: NFT_FIREWALL.FILTER_PRIORITY },
        policy: 'accept',
      }),
      ...[NFT_FIREWALL.CNI_FORWARD, 'CNI-ADMIN', NFT_FIREWALL.STAGE_1, NFT_FIREWALL.STAGE_2].map(
        (name) => chain(name),
      ),
    ];
    const jumps = [
      rule(NFT_FIREWALL.FORWARD, jumpTo(NFT_FIREWALL.STAGE_1), 10),
      rule(NFT_FIREWALL.FORWARD, jumpTo(NFT_FIREWALL.CNI_FORWARD), 11),
      rule(NFT_FIREWALL.CNI_FORWARD, jumpTo('CNI-ADMIN'), 12),
    ];
    const names = (rules: NftRule[], list: NftChain[]) =>
      nftFirewallSetupBatch(TARGET, rules, list).messages.map((m) => m.op);
    expect(names(jumps, chains)).toEqual(['NFT_MSG_NEWRULE', 'NFT_MSG_NEWRULE']);
    // A jump missing, or a chain missing: the whole skeleton again.
    expect(names(jumps.slice(1), chains)).toHaveLength(SKELETON.length + 2);
    expect(names(jumps, chains.slice(0, -1))).toHaveLength(SKELETON.length + 2);
  });

  test('ct state established,related: the state masked with host-order bits, != 0', () => {
    const [load, mask, cmp] = ctStateIn(2 | 4);
    expect(load).toMatchObject({ kind: 'ct', key: 0 });
    expect(mask).toMatchObject({ kind: 'bitwise', len: 4, mask: Uint8Array.of(6, 0, 0, 0) });
    expect(cmp).toMatchObject({ kind: 'cmp', op: 'neq', data: new Uint8Array(4) });
  });
});
