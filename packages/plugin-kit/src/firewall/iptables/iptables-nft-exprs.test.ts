import { describe, expect, test } from 'bun:test';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import type { NftRule } from '../../netlink/netfilter/rule.ts';
import {
  iptablesNftExprs,
  iptablesNftPattern,
  isIptablesNftRule,
  matchesIptablesNftPattern,
} from './iptables-nft-exprs.ts';

// Rules as the kernel listed them after iptables-nft 1.8.9 (Debian 12) made them, decoded
// by listNftRules; the match blobs are written out from that listing, not built by the
// code under test.

function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}

const CONNTRACK_MATCH = hex(
  `0e000100636f6e6e747261636b0000000800020000000003ac000300${'00'.repeat(146)}0100000006000000${'00'.repeat(14)}`,
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

function rule(chain: string, exprs: NftExpr[]): NftRule {
  return { family: 'ip', table: 'filter', chain, handle: 41, exprs };
}

const ESTABLISHED = [
  '-d',
  '10.98.0.2/32',
  '-m',
  'conntrack',
  '--ctstate',
  'RELATED,ESTABLISHED',
  '-j',
  'ACCEPT',
];
const FROM = ['-s', '10.98.0.2/32', '-j', 'ACCEPT'];
const established = rule('CNI-FORWARD', [
  ...load(16),
  { kind: 'raw', name: 'match', data: CONNTRACK_MATCH },
  counter,
  accept,
]);
const from = rule('CNI-FORWARD', [...load(12), counter, accept]);

function exprsOf(args: readonly string[], family: 4 | 6 = 4): NftExpr[] {
  const exprs = iptablesNftExprs(family, args);
  if (exprs === undefined) throw new Error(`no encoding for ${args.join(' ')}`);
  return exprs;
}

describe('iptablesNftExprs and isIptablesNftRule', () => {
  test('the rules iptables-nft made are the ones encoded from their arguments', () => {
    expect(isIptablesNftRule(established, exprsOf(ESTABLISHED))).toBe(true);
    expect(isIptablesNftRule(from, exprsOf(FROM))).toBe(true);
    // A rule not from a listing (no listed bytes) is compared decoded.
    expect(matchesIptablesNftPattern(from, iptablesNftPattern(exprsOf(FROM)))).toBe(true);
    expect(matchesIptablesNftPattern(from, iptablesNftPattern(exprsOf(ESTABLISHED)))).toBe(false);
    // A counter that counted is still the rule.
    const counted = rule('CNI-FORWARD', [
      ...load(12),
      { kind: 'counter', bytes: 840n, packets: 10n },
      accept,
    ]);
    expect(isIptablesNftRule(counted, exprsOf(FROM))).toBe(true);
  });

  test('any other rule is not taken for one of them', () => {
    expect(isIptablesNftRule(from, exprsOf(ESTABLISHED))).toBe(false);
    expect(isIptablesNftRule(established, exprsOf(FROM))).toBe(false);
    expect(isIptablesNftRule(from, exprsOf(['-s', '10.98.0.3/32', '-j', 'ACCEPT']))).toBe(false);
    expect(isIptablesNftRule(from, exprsOf(['-s', '10.98.0.2/32', '-j', 'DROP']))).toBe(false);
    expect(isIptablesNftRule(from, exprsOf(['-s', 'fd00::2/128', '-j', 'ACCEPT'], 6))).toBe(false);
    const other = CONNTRACK_MATCH.slice();
    other[28 + 150] = 0x02; // state_mask: --ctstate ESTABLISHED only
    const onlyEstablished = rule('CNI-FORWARD', [
      ...load(16),
      { kind: 'raw', name: 'match', data: other },
      counter,
      accept,
    ]);
    expect(isIptablesNftRule(onlyEstablished, exprsOf(ESTABLISHED))).toBe(false);
  });

  test('forms outside the known ones have no encoding', () => {
    for (const args of [
      ['-s', '10.98.0.0/24', '-j', 'ACCEPT'],
      ['-i', 'eth0', '-j', 'ACCEPT'],
      ['-m', 'comment', '--comment', 'x', '-j', 'ACCEPT'],
      ['-p', 'tcp', '-j', 'ACCEPT'],
      ['-m', 'conntrack', '--ctstate', 'NEW', '-j', 'ACCEPT'],
      ['!', '-s', '10.98.0.2/32', '-j', 'ACCEPT'],
      ['-s', '10.98.0.2/32'],
    ]) {
      expect(iptablesNftExprs(4, args)).toBeUndefined();
    }
  });
});
