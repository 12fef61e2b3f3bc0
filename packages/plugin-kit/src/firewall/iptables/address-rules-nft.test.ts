import { describe, expect, test } from 'bun:test';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import type { NftRule } from '../../netlink/netfilter/rule.ts';
import { isIptablesNftAddressRule } from './address-rules-nft.ts';

// The two rules as the kernel listed them after iptables-nft 1.8.9 (Debian 12) ran
//   iptables -A CNI-FORWARD -d 10.98.0.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
//   iptables -A CNI-FORWARD -s 10.98.0.2/32 -j ACCEPT
// decoded by listNftRules.

const CONNTRACK_MATCH = new Uint8Array(
  Buffer.from(
    `0e000100636f6e6e747261636b0000000800020000000003ac000300${'00'.repeat(146)}0100000006000000${'00'.repeat(14)}`,
    'hex',
  ),
);
const ADDRESS = Uint8Array.of(10, 98, 0, 2);
const counter: NftExpr = { kind: 'counter', bytes: 0n, packets: 0n };
const accept: NftExpr = { kind: 'immediate', dreg: 0, data: { verdict: { code: 'accept' } } };

function load(offset: number, address = ADDRESS): NftExpr[] {
  return [
    { kind: 'payload', dreg: 1, base: 1, offset, len: address.length },
    { kind: 'cmp', sreg: 1, op: 'eq', data: address },
  ];
}

function rule(exprs: NftExpr[]): NftRule {
  return { family: 'ip', table: 'filter', chain: 'CNI-FORWARD', handle: 41, exprs };
}

const established = rule([
  ...load(16),
  { kind: 'raw', name: 'match', data: CONNTRACK_MATCH },
  counter,
  accept,
]);
const from = rule([...load(12), counter, accept]);

describe('isIptablesNftAddressRule', () => {
  test('recognises the two rules of the address as iptables-nft lists them', () => {
    expect(isIptablesNftAddressRule(established, 4, ADDRESS, 'established-to')).toBe(true);
    expect(isIptablesNftAddressRule(from, 4, ADDRESS, 'from')).toBe(true);
    // A counter that counted is still the rule.
    const counted = rule([...load(12), { kind: 'counter', bytes: 840n, packets: 10n }, accept]);
    expect(isIptablesNftAddressRule(counted, 4, ADDRESS, 'from')).toBe(true);
  });

  test('any other rule is not taken for one of them', () => {
    expect(isIptablesNftAddressRule(from, 4, ADDRESS, 'established-to')).toBe(false);
    expect(isIptablesNftAddressRule(established, 4, ADDRESS, 'from')).toBe(false);
    expect(isIptablesNftAddressRule(from, 4, Uint8Array.of(10, 98, 0, 3), 'from')).toBe(false);
    const other = CONNTRACK_MATCH.slice();
    other[28 + 150] = 0x02; // state_mask: --ctstate ESTABLISHED only
    const onlyEstablished = rule([
      ...load(16),
      { kind: 'raw', name: 'match', data: other },
      counter,
      accept,
    ]);
    expect(isIptablesNftAddressRule(onlyEstablished, 4, ADDRESS, 'established-to')).toBe(false);
    const drop: NftExpr = { kind: 'immediate', dreg: 0, data: { verdict: { code: 'drop' } } };
    expect(isIptablesNftAddressRule(rule([...load(12), counter, drop]), 4, ADDRESS, 'from')).toBe(
      false,
    );
    const iif: NftExpr = { kind: 'meta', key: 6, dreg: 1 };
    expect(
      isIptablesNftAddressRule(rule([iif, ...load(12), counter, accept]), 4, ADDRESS, 'from'),
    ).toBe(false);
    // The IPv6 offsets: saddr at 8, daddr at 24.
    expect(isIptablesNftAddressRule(from, 6, ADDRESS, 'from')).toBe(false);
  });
});
