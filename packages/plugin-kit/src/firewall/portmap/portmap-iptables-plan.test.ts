import { describe, expect, test } from 'bun:test';
import { listingIndex } from '../iptables/listing-index.ts';
import { parseMasqAddress } from '../masq-address.ts';
import { portMapOwners } from './portmap-iptables.ts';
import {
  createdChains,
  missingRules,
  removeChainLines,
  setupLines,
  undoSharedLines,
} from './portmap-iptables-plan.ts';
import { dnatChain, sharedChains } from './portmap-iptables-rules.ts';
import type { PortMapTarget } from './portmap-types.ts';

const TARGET: PortMapTarget = {
  network: 'pur-chain',
  containerId: 'cid-chain1',
  mappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }],
  snat: true,
  masqAll: false,
  markMasqBit: 13,
  addresses: ['10.244.52.2/24'],
};
const DN = 'CNI-DN-8d8247564e11a8d9dfd64';
const own = dnatChain(TARGET, parseMasqAddress('10.244.52.2/24'));

/** `iptables -S` text as the kit parses it. */
function listing(text: string) {
  return listingIndex(text);
}

const EMPTY = listing('-P PREROUTING ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT');

/** The nat table after §6.7's ADD, as `iptables -t nat -S` prints it. */
const AFTER_ADD = listing(`
  -P PREROUTING ACCEPT
  -P OUTPUT ACCEPT
  -P POSTROUTING ACCEPT
  -N ${DN}
  -N CNI-HOSTPORT-DNAT
  -N CNI-HOSTPORT-MASQ
  -N CNI-HOSTPORT-SETMARK
  -A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT
  -A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT
  -A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ
  -A ${DN} -s 10.244.52.0/24 -p tcp -m tcp --dport 18080 -j CNI-HOSTPORT-SETMARK
  -A ${DN} -s 127.0.0.1/32 -p tcp -m tcp --dport 18080 -j CNI-HOSTPORT-SETMARK
  -A ${DN} -p tcp -m tcp --dport 18080 -j DNAT --to-destination 10.244.52.2:80
  -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"pur-chain\\" id: \\"cid-chain1\\"" -m multiport --dports 18080 -j ${DN}
  -A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE
  -A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000
`);

describe('portmap iptables plan', () => {
  test('an empty table: every chain made, POSTROUTING jump inserted at the head', () => {
    const lines = setupLines(EMPTY, sharedChains(TARGET), own);
    expect(lines.filter((line) => line.startsWith('-N '))).toEqual([
      '-N CNI-HOSTPORT-SETMARK',
      '-N CNI-HOSTPORT-MASQ',
      '-N CNI-HOSTPORT-DNAT',
      `-N ${DN}`,
    ]);
    expect(lines).toContain(
      '-I POSTROUTING 1 -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
    );
    expect(createdChains(lines, DN)).toEqual([
      'CNI-HOSTPORT-SETMARK',
      'CNI-HOSTPORT-MASQ',
      'CNI-HOSTPORT-DNAT',
    ]);
  });

  test('after ADD nothing is missing; a repeated ADD replaces only the own chain', () => {
    expect(missingRules(AFTER_ADD, [...sharedChains(TARGET), own])).toEqual({
      missingChains: [],
      missingRules: [],
    });
    const again = setupLines(AFTER_ADD, sharedChains(TARGET), own);
    expect(again[0]).toStartWith('-D CNI-HOSTPORT-DNAT ');
    expect(again[1]).toBe(`-F ${DN}`);
    expect(again).toHaveLength(2 + own.rules.length + own.jumps.length);
  });

  test('teardown: entry rule, flush, delete; nothing for a chain that is not there', () => {
    const lines = removeChainLines(AFTER_ADD, DN);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1)).toEqual([`-F ${DN}`, `-X ${DN}`]);
    expect(removeChainLines(EMPTY, DN)).toEqual([]);
  });

  test('undo of created shared chains skips jumps from chains removed with them', () => {
    const lines = undoSharedLines(AFTER_ADD, ['CNI-HOSTPORT-SETMARK', 'CNI-HOSTPORT-MASQ']);
    expect(lines).toEqual([
      `-D ${DN} -s 10.244.52.0/24 -p tcp -m tcp --dport 18080 -j CNI-HOSTPORT-SETMARK`,
      `-D ${DN} -s 127.0.0.1/32 -p tcp -m tcp --dport 18080 -j CNI-HOSTPORT-SETMARK`,
      '-D POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
      '-F CNI-HOSTPORT-SETMARK',
      '-F CNI-HOSTPORT-MASQ',
      '-X CNI-HOSTPORT-SETMARK',
      '-X CNI-HOSTPORT-MASQ',
    ]);
  });

  test('owners of a network, from the dispatcher comments', () => {
    expect([...portMapOwners(AFTER_ADD, 'pur-chain')]).toEqual(['cid-chain1']);
    expect([...portMapOwners(AFTER_ADD, 'other')]).toEqual([]);
  });
});
