import { describe, expect, test } from 'bun:test';
import { ipMatch } from '../../netlink/netfilter/match.ts';
import { isNftConditionError, nftConditionExprs } from './nft-conditions.ts';

function errorOf(words: string[], family: 4 | 6): string {
  try {
    nftConditionExprs(words, family);
  } catch (error) {
    if (isNftConditionError(error)) return error.message;
    throw error;
  }
  return 'no error';
}

describe('nft conditions', () => {
  test('address and interface matches, as words or one string', () => {
    const exprs = nftConditionExprs(['ip saddr != 192.0.2.0/24', 'iifname', 'eth0'], 4);
    expect(exprs.slice(0, 2)).toEqual(
      ipMatch({ field: 'saddr', address: '192.0.2.0/24', op: 'neq', guard: false }),
    );
    expect(exprs.at(-1)).toMatchObject({ kind: 'cmp', op: 'eq' });
    expect(nftConditionExprs(['oifname', '!=', '"eth1"'], 6).at(-1)).toMatchObject({ op: 'neq' });
    expect(nftConditionExprs(['ip6', 'daddr', 'fd00::1'], 6)).toHaveLength(2);
    expect(nftConditionExprs([], 4)).toEqual([]);
  });

  test('anything else is refused with the reason', () => {
    expect(errorOf(['tcp', 'dport', '22'], 4)).toBe(
      'unsupported nftables condition "tcp dport 22": unknown match "tcp"',
    );
    expect(errorOf(['ip', 'saddr', 'fd00::1'], 4)).toContain('not an IPv4 address');
    expect(errorOf(['ip6', 'saddr', 'fd00::1'], 4)).toContain('ip6 match in the IPv4 table');
    expect(errorOf(['iifname'], 4)).toContain('iifname needs a name');
    expect(errorOf(['iifname', 'x'.repeat(20)], 4)).toContain('too long');
  });
});
