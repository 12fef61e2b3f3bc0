import { describe, expect, test } from 'bun:test';
import { formatCidr, parseCidr } from '@cni-ts/spec-types';
import { NAT_S } from '../fixtures/captured.ts';
import { canonicalRuleAddress, ruleIdentity } from './rule-identity.ts';
import { parseRuleLine } from './rule-line.ts';

const CHAIN = 'CNI-d25dd76defe1afc7a2c8208b';
const COMMENT = 'name: "pur-brnet" id: "cid-br1"';
const c = ['-m', 'comment', '--comment', COMMENT];

/** The identities of the -A lines of the captured `iptables -t nat -S`. */
const listed = new Set(
  NAT_S.split('\n')
    .map(parseRuleLine)
    .filter((line) => line?.op === '-A')
    .map((line) => ruleIdentity(line?.chain ?? '', line?.rule ?? [])),
);

describe('canonicalRuleAddress', () => {
  test('writes the prefix and clears host bits, as iptables -S prints', () => {
    expect(canonicalRuleAddress('10.244.50.4')).toBe('10.244.50.4/32');
    expect(canonicalRuleAddress('10.244.50.4/24')).toBe('10.244.50.0/24');
    expect(canonicalRuleAddress('fd00:50::4')).toBe('fd00:50::4/128');
    expect(canonicalRuleAddress('fd00:50:0:0::4/64')).toBe('fd00:50::/64');
    expect(canonicalRuleAddress('not-an-address')).toBe('not-an-address');
  });
});

describe('canonicalRuleAddress on a dotted quad /32', () => {
  test('answers as parsing and formatting do, for every form of an octet', () => {
    const slow = (text: string) => {
      const cidr = parseCidr(text);
      return cidr === undefined ? text : formatCidr(cidr);
    };
    const octets = [
      '0',
      '00',
      '7',
      '07',
      '10',
      '99',
      '100',
      '199',
      '200',
      '249',
      '250',
      '255',
      '256',
      '300',
      '1000',
    ];
    for (const a of octets) {
      for (const b of octets) {
        const text = `${a}.1.${b}.4/32`;
        expect({ text, canonical: canonicalRuleAddress(text) }).toEqual({
          text,
          canonical: slow(text),
        });
      }
    }
    expect(canonicalRuleAddress('10.1.2.3/32 ')).toBe(slow('10.1.2.3/32 '));
    expect(canonicalRuleAddress('10.1.2.3/032')).toBe(slow('10.1.2.3/032'));
  });
});

describe('ruleIdentity', () => {
  test('matches the rules as we append them against the captured listing', () => {
    expect(listed.has(ruleIdentity(CHAIN, ['-d', '10.244.50.4/24', '-j', 'ACCEPT', ...c]))).toBe(
      true,
    );
    expect(
      listed.has(ruleIdentity(CHAIN, ['!', '-d', '224.0.0.0/4', '-j', 'MASQUERADE', ...c])),
    ).toBe(true);
    expect(listed.has(ruleIdentity('POSTROUTING', ['-s', '10.244.50.4', '-j', CHAIN, ...c]))).toBe(
      true,
    );
  });

  test('tells apart negation, chain, values and comments', () => {
    const rule = ['-d', '224.0.0.0/4', '-j', 'MASQUERADE', ...c];
    expect(listed.has(ruleIdentity(CHAIN, rule))).toBe(false); // not negated
    expect(
      listed.has(ruleIdentity('POSTROUTING', ['-d', '10.244.50.4/24', '-j', 'ACCEPT', ...c])),
    ).toBe(false);
    expect(listed.has(ruleIdentity(CHAIN, ['-d', '10.244.51.4/24', '-j', 'ACCEPT', ...c]))).toBe(
      false,
    );
    const other = ['-m', 'comment', '--comment', 'name: "pur-brnet" id: "cid-br9"'];
    expect(
      listed.has(ruleIdentity(CHAIN, ['-d', '10.244.50.4/24', '-j', 'ACCEPT', ...other])),
    ).toBe(false);
  });

  test('long option names are the short ones', () => {
    expect(ruleIdentity('X', ['--source', '10.0.0.1', '--jump', 'ACCEPT'])).toBe(
      ruleIdentity('X', ['-j', 'ACCEPT', '-s', '10.0.0.1/32']),
    );
  });
});
