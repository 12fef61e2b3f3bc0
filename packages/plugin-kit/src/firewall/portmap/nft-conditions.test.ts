import { describe, expect, test } from 'bun:test';
import { ifnameIs, ipMatch } from '../../netlink/netfilter/match.ts';
import { nftConditionExprs } from './nft-conditions.ts';
import { isNftConditionError, parseNftConditions } from './nft-conditions-parse.ts';

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

  test('reading them alone refuses what the expressions would refuse, in their words', () => {
    /** What building the match throws, as the reason the error gives. */
    function thrown(build: () => unknown): string {
      try {
        build();
      } catch (error) {
        return String(error);
      }
      return 'no error';
    }
    const prefix = thrown(() =>
      ipMatch({ field: 'saddr', address: '10.0.0.0/33', op: 'eq', guard: false }),
    );
    const prefix6 = thrown(() =>
      ipMatch({ field: 'daddr', address: 'fd00::/129', op: 'eq', guard: false }),
    );
    const long = thrown(() => ifnameIs('iifname', 'y'.repeat(16)));
    const cases: [string[], 4 | 6, string][] = [
      [['ip', 'saddr', '10.0.0.0/33'], 4, prefix],
      [['ip6', 'daddr', 'fd00::/129'], 6, prefix6],
      [['iifname', '!=', `"${'y'.repeat(16)}"`], 4, long],
      [['tcp', 'dport', '22'], 4, 'unknown match "tcp"'],
      [['ip', 'proto', 'tcp'], 4, 'ip proto: only saddr and daddr'],
    ];
    for (const [words, family, reason] of cases) {
      expect(reason).not.toBe('no error');
      const message = `unsupported nftables condition ${JSON.stringify(words.join(' '))}: ${reason}`;
      expect(() => parseNftConditions(words, family)).toThrow(message);
      expect(errorOf(words, family)).toBe(message);
    }
    expect(parseNftConditions(['ip daddr != 10.0.0.0/8 oifname "eth1"'], 4)).toEqual([
      { kind: 'ip', field: 'daddr', op: 'neq', address: '10.0.0.0/8' },
      { kind: 'ifname', key: 'oifname', op: 'eq', name: 'eth1' },
    ]);
  });
});
