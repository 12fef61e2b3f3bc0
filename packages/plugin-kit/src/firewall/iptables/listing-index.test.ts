import { describe, expect, test } from 'bun:test';
import { NAT_S } from '../fixtures/captured.ts';
import { listingIndex } from './listing-index.ts';
import { ruleIdentity } from './rule-identity.ts';
import { parseRuleLine, type RuleLine, ruleOption } from './rule-line.ts';

/** Every line parsed, as the planners read listings before the index. */
function allLines(text: string): RuleLine[] {
  const lines: RuleLine[] = [];
  for (const raw of text.split('\n')) {
    const line = parseRuleLine(raw);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

// The captured nat table, a decoy whose comment names a chain it does not jump to, blanks
// around a line, and a quoted comment holding spaces and quotes.
const TEXT = `${NAT_S}
-N DECOY
  -A DECOY -m comment --comment "not -j CNI-HOSTPORT-DNAT \\"really\\"" -j RETURN  
-A DECOY -p tcp -j CNI-HOSTPORT-DNAT
`;

describe('listingIndex', () => {
  const lines = allLines(TEXT);
  const index = listingIndex(TEXT);
  const chains = new Set<string>();
  for (const line of lines) chains.add(line.chain);
  chains.add('NO-SUCH-CHAIN');

  test('answers as the whole parsed listing does, for every chain', () => {
    expect(chains.size).toBeGreaterThan(8);
    for (const chain of chains) {
      const declared = lines.some((line) => line.op !== '-A' && line.chain === chain);
      const rules = lines.filter((line) => line.op === '-A' && line.chain === chain);
      const jumps = lines.filter(
        (line) => line.op === '-A' && ruleOption(line.rule, '-j') === chain,
      );
      expect({ chain, has: index.chains.has(chain) }).toEqual({ chain, has: declared });
      expect({ chain, rules: index.rulesOf(chain) }).toEqual({ chain, rules });
      expect({ chain, jumps: index.jumpsTo(chain) }).toEqual({ chain, jumps });
      for (const line of rules) expect(index.hasRule(chain, line.rule)).toBe(true);
    }
  });

  test('a rule is found by identity, in its own chain only', () => {
    const decoy = lines.filter((line) => line.op === '-A' && line.chain === 'DECOY');
    expect(decoy).toHaveLength(2);
    const jump = ['-p', 'tcp', '-j', 'CNI-HOSTPORT-DNAT'];
    expect(index.hasRule('DECOY', jump)).toBe(true);
    expect(index.hasRule('DECOY', ['-p', 'udp', '-j', 'CNI-HOSTPORT-DNAT'])).toBe(false);
    expect(index.hasRule('PREROUTING', jump)).toBe(false);
    expect(ruleIdentity('DECOY', jump)).toBe(
      ruleIdentity('DECOY', ['-j', 'CNI-HOSTPORT-DNAT', '-p', 'tcp']),
    );
    expect(index.hasRule('DECOY', ['-j', 'CNI-HOSTPORT-DNAT', '-p', 'tcp'])).toBe(true);
  });

  test('an empty listing has nothing', () => {
    const empty = listingIndex('');
    expect(empty.chains.has('PREROUTING')).toBe(false);
    expect(empty.rulesOf('PREROUTING')).toEqual([]);
    expect(empty.jumpsTo('X')).toEqual([]);
  });
});
