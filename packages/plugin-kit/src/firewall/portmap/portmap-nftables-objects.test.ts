import { describe, expect, test } from 'bun:test';
import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { parseMasqAddress } from '../masq-address.ts';
import { addSetup, attachmentRules, NFT_PORTMAP } from './portmap-nftables-objects.ts';
import type { PortMapTarget } from './portmap-types.ts';

const TARGET: PortMapTarget = {
  network: 'pur-chain',
  containerId: 'cid-chain1',
  mappings: [
    { hostPort: 18080, containerPort: 80, protocol: 'tcp' },
    { hostPort: 18053, containerPort: 53, protocol: 'udp', hostIP: '0.0.0.0' },
    { hostPort: 18081, containerPort: 81, protocol: 'tcp', hostIP: '10.244.52.1' },
  ],
  snat: true,
  masqAll: false,
  markMasqBit: 13,
  addresses: ['10.244.52.2/24'],
};

describe('portmap nftables objects', () => {
  test('per mapping a DNAT rule (hostIP as a daddr match), then the masquerade rules', () => {
    const rules = attachmentRules(TARGET, parseMasqAddress('10.244.52.2/24'));
    expect(rules.map((rule) => rule.chain)).toEqual([
      'hostports',
      'hostports',
      'hostports',
      'masquerading',
      'masquerading',
    ]);
    expect(rules[2]?.exprs[0]).toMatchObject({ kind: 'payload', offset: 16, len: 4 });
    expect(rules.at(-1)?.exprs.at(-1)).toEqual({ kind: 'masq' });
  });

  test('IPv6: v4 hostIPs skipped, no localhost rule; masqAll and snat false', () => {
    const v6 = attachmentRules(TARGET, parseMasqAddress('fd00:52::2/64'));
    expect(v6.map((rule) => rule.chain)).toEqual(['hostports', 'masquerading']);
    const all = attachmentRules({ ...TARGET, masqAll: true }, parseMasqAddress('10.244.52.2/24'));
    expect(all.filter((rule) => rule.chain === 'masquerading')).toHaveLength(1);
    const none = attachmentRules({ ...TARGET, snat: false }, parseMasqAddress('10.244.52.2/24'));
    expect(none.every((rule) => rule.chain === NFT_PORTMAP.HOSTPORTS)).toBe(true);
  });

  test('the setup batch: stale rules deleted before the new ones are added', () => {
    const batch = addSetup(new NftBatch(), TARGET, parseMasqAddress('10.244.52.2/24'), [
      { chain: 'hostports', handle: 7 },
    ]);
    expect(batch).toBeInstanceOf(NftBatch);
  });
});
