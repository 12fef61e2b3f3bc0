import { describe, expect, test } from 'bun:test';
import { parseMasqAddress } from '../masq-address.ts';
import {
  dnatChain,
  dnatChainName,
  dnatComment,
  HOSTPORT_DNAT,
  sharedChains,
  snatChainName,
} from './portmap-iptables-rules.ts';
import type { PortMapTarget } from './portmap-types.ts';

const TARGET: PortMapTarget = {
  network: 'pur-chain',
  containerId: 'cid-chain1',
  mappings: [
    { hostPort: 18080, containerPort: 80, protocol: 'tcp' },
    { hostPort: 18053, containerPort: 53, protocol: 'udp', hostIP: '0.0.0.0' },
  ],
  snat: true,
  masqAll: false,
  markMasqBit: 13,
  addresses: ['10.244.52.2/24'],
};
const DN = 'CNI-DN-8d8247564e11a8d9dfd64';
const V4 = parseMasqAddress('10.244.52.2/24');
const V6 = parseMasqAddress('fd00:52::2/64');

describe('portmap iptables rules', () => {
  test('names and comment of reference-plugins.md §6.7', () => {
    expect(dnatChainName('pur-chain', 'cid-chain1')).toBe(DN);
    expect(snatChainName('pur-chain', 'cid-chain1')).toMatch(/^CNI-SN-[0-9a-f]{21}$/);
    expect(dnatComment('pur-chain', 'cid-chain1')).toBe('dnat name: "pur-chain" id: "cid-chain1"');
    expect(dnatComment('n'.repeat(300), 'c')).toHaveLength(255);
  });

  test('the per-container rules of §6.7, in order, as iptables -S prints them', () => {
    const chain = dnatChain(TARGET, V4);
    expect(chain.rules.map((rule) => rule.rule.join(' '))).toEqual([
      '-p tcp -m tcp --dport 18080 -s 10.244.52.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p tcp -m tcp --dport 18080 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p tcp -m tcp --dport 18080 -j DNAT --to-destination 10.244.52.2:80',
      '-p udp -m udp --dport 18053 -s 10.244.52.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p udp -m udp --dport 18053 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p udp -m udp --dport 18053 -j DNAT --to-destination 10.244.52.2:53',
    ]);
    expect(chain.jumps.map((jump) => [jump.chain, jump.rule.slice(4).join(' ')])).toEqual([
      [HOSTPORT_DNAT, `-m multiport -p tcp --dports 18080 -j ${DN}`],
      [HOSTPORT_DNAT, `-m multiport -p udp --dports 18053 -j ${DN}`],
    ]);
  });

  test('IPv6: no localhost rule, bracketed destination, a v4 hostIP skips the mapping', () => {
    const target = {
      ...TARGET,
      mappings: [
        ...TARGET.mappings,
        { hostPort: 1, containerPort: 2, protocol: 'tcp' as const, hostIP: '192.0.2.1' },
      ],
    };
    const rules = dnatChain(target, V6).rules.map((rule) => rule.rule.join(' '));
    // 18053 has hostIP 0.0.0.0 and 1 has 192.0.2.1: both IPv4, skipped for IPv6.
    expect(rules).toHaveLength(2);
    expect(rules[1]).toBe('-p tcp -m tcp --dport 18080 -j DNAT --to-destination [fd00:52::2]:80');
    expect(dnatChain(target, V4).rules.at(-1)?.rule).toContain('192.0.2.1');
  });

  test('masqAll, snat false, conditions and more than 15 ports', () => {
    const masqAll = dnatChain({ ...TARGET, masqAll: true }, V4).rules.map((r) => r.rule.join(' '));
    expect(masqAll[0]).toBe('-p tcp -m tcp --dport 18080 -j CNI-HOSTPORT-SETMARK');
    expect(masqAll).toHaveLength(4);
    expect(dnatChain({ ...TARGET, snat: false }, V4).rules).toHaveLength(2);
    const many = {
      ...TARGET,
      conditions: { 4: ['!', '-s', '192.0.2.0/24'] },
      mappings: Array.from({ length: 17 }, (_, i) => ({
        hostPort: 1000 + i,
        containerPort: 80,
        protocol: 'tcp' as const,
      })),
    };
    const jumps = dnatChain(many, V4).jumps.map((jump) => jump.rule.join(' '));
    expect(jumps).toHaveLength(2);
    expect(jumps[0]).toContain(
      '--dports 1000,1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011,1012,1013,1014 ! -s 192.0.2.0/24 -j',
    );
    expect(jumps[1]).toContain('--dports 1015,1016 ! -s');
  });

  test('shared chains: mark bit, external mark chain', () => {
    const names = (target: PortMapTarget) => sharedChains(target).map((chain) => chain.name);
    expect(names(TARGET)).toEqual(['CNI-HOSTPORT-SETMARK', 'CNI-HOSTPORT-MASQ', HOSTPORT_DNAT]);
    expect(names({ ...TARGET, externalSetMarkChain: 'X' })).toEqual([HOSTPORT_DNAT]);
    expect(names({ ...TARGET, snat: false })).toEqual([HOSTPORT_DNAT]);
    const [setMark, masq] = sharedChains({ ...TARGET, markMasqBit: 5 });
    expect(setMark?.rules[0]?.rule.slice(-2)).toEqual(['--set-xmark', '0x20/0x20']);
    expect(masq?.jumps[0]).toMatchObject({ chain: 'POSTROUTING', prepend: true });
    const external = dnatChain({ ...TARGET, externalSetMarkChain: 'KUBE-MARK-MASQ' }, V4);
    expect(external.rules[0]?.rule.at(-1)).toBe('KUBE-MARK-MASQ');
  });
});
