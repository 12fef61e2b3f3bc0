import { describe, expect, test } from 'bun:test';
import { masqDeleteBatch, masqRuleText, masqSetupBatch } from './nft-batch.ts';

describe('masqSetupBatch', () => {
  test('writes the transaction knftables writes for upstream setupIPMasqNFTables', () => {
    const batch = masqSetupBatch(
      [6, 7],
      [
        { family: 4, ip: '10.244.50.4', network: '10.244.50.0/24' },
        { family: 6, ip: 'fd00:50::4', network: 'fd00:50::/64' },
      ],
      '2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1',
    );
    expect(batch).toBe(
      [
        'add table inet cni_plugins_masquerade { comment "Masquerading for plugins from github.com/containernetworking/plugins" ; }',
        'add chain inet cni_plugins_masquerade masq_checks { comment "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet" ; }',
        'add chain inet cni_plugins_masquerade postrouting { type nat hook postrouting priority 100 ; }',
        'flush chain inet cni_plugins_masquerade postrouting',
        'add rule inet cni_plugins_masquerade postrouting ip daddr == 224.0.0.0/4  return',
        'add rule inet cni_plugins_masquerade postrouting ip6 daddr == ff00::/8  return',
        'add rule inet cni_plugins_masquerade postrouting goto masq_checks',
        'delete rule inet cni_plugins_masquerade masq_checks handle 6',
        'delete rule inet cni_plugins_masquerade masq_checks handle 7',
        'add rule inet cni_plugins_masquerade masq_checks ip saddr == 10.244.50.4 ip daddr != 10.244.50.0/24 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"',
        'add rule inet cni_plugins_masquerade masq_checks ip6 saddr == fd00:50::4 ip6 daddr != fd00:50::/64 masquerade comment "2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1"',
        '',
      ].join('\n'),
    );
  });

  test("quotes the comment with Go's %q, as knftables does", () => {
    const batch = masqSetupBatch(
      [],
      [{ family: 4, ip: '10.0.0.2', network: '10.0.0.0/8' }],
      'a\\b',
    );
    expect(batch).toContain('masquerade comment "a\\\\b"\n');
  });
});

describe('masqDeleteBatch / masqRuleText', () => {
  test('deletes by handle, one line each', () => {
    expect(masqDeleteBatch([11, 16])).toBe(
      'delete rule inet cni_plugins_masquerade masq_checks handle 11\ndelete rule inet cni_plugins_masquerade masq_checks handle 16\n',
    );
  });

  test('uses ip or ip6 by family', () => {
    expect(masqRuleText({ family: 6, ip: 'fd00::2', network: 'fd00::/64' })).toBe(
      'ip6 saddr == fd00::2 ip6 daddr != fd00::/64 masquerade',
    );
  });
});
