import { ruleIdentity } from './rule-identity.ts';
import { parseRuleLine, type RuleLine, ruleOption } from './rule-line.ts';

// An `iptables -S` listing read on demand. A plugin asks about a handful of chains, but a
// host's table can hold thousands of other lines (kube-proxy's nat table: about seven per
// service, every one with a quoted comment); parsing them all in the interpreter cost a
// portmap ADD some 60 ms on a table of 600 services. Here one pass files the lines by chain
// without parsing them, and only the lines a question needs are parsed, once.

/** What the planners ask of a listing. */
export interface ListingIndex {
  /** The listing's chains: its `-N` lines, and the built-in chains' `-P` lines. */
  readonly chains: ReadonlySet<string>;
  /** The chain's rules (its `-A` lines), parsed, in listing order. */
  rulesOf(chain: string): readonly RuleLine[];
  /** The rules, in any chain, whose target is `chain` (`-j chain`), in listing order. */
  jumpsTo(chain: string): readonly RuleLine[];
  /** The identities (rule-identity.ts) of the chain's rules. */
  identitiesOf(chain: string): ReadonlySet<string>;
  /** Whether `chain` holds a rule with the identity of `rule`. */
  hasRule(chain: string, rule: readonly string[]): boolean;
}

function parsed(texts: readonly string[]): RuleLine[] {
  const lines: RuleLine[] = [];
  for (const text of texts) {
    const line = parseRuleLine(text);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

/** Indexes `iptables -S` output (lines may carry surrounding blanks). */
export function listingIndex(text: string): ListingIndex {
  const chains = new Set<string>();
  const byChain = new Map<string, string[]>();
  const ruleTexts: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const op = line.slice(0, 3);
    if (op !== '-A ' && op !== '-N ' && op !== '-P ') continue;
    const end = line.indexOf(' ', 3);
    const chain = end < 0 ? line.slice(3) : line.slice(3, end);
    if (op !== '-A ') {
      chains.add(chain);
      continue;
    }
    ruleTexts.push(line);
    const list = byChain.get(chain);
    if (list === undefined) byChain.set(chain, [line]);
    else list.push(line);
  }
  const rules = new Map<string, readonly RuleLine[]>();
  const jumps = new Map<string, readonly RuleLine[]>();
  const identities = new Map<string, ReadonlySet<string>>();
  const rulesOf = (chain: string): readonly RuleLine[] => {
    let found = rules.get(chain);
    if (found === undefined) {
      found = parsed(byChain.get(chain) ?? []);
      rules.set(chain, found);
    }
    return found;
  };
  const identitiesOf = (chain: string): ReadonlySet<string> => {
    let set = identities.get(chain);
    if (set === undefined) {
      const made = new Set<string>();
      for (const line of rulesOf(chain)) made.add(ruleIdentity(line.chain, line.rule));
      set = made;
      identities.set(chain, set);
    }
    return set;
  };
  return {
    chains,
    rulesOf,
    jumpsTo(chain) {
      let found = jumps.get(chain);
      if (found === undefined) {
        // Only lines naming the chain can jump to it (most often none: one native search).
        const naming: string[] = [];
        if (text.includes(chain)) {
          for (const line of ruleTexts) if (line.includes(chain)) naming.push(line);
        }
        const list: RuleLine[] = [];
        for (const line of parsed(naming)) {
          if (ruleOption(line.rule, '-j') === chain) list.push(line);
        }
        found = list;
        jumps.set(chain, found);
      }
      return found;
    },
    identitiesOf,
    hasRule: (chain, rule) => identitiesOf(chain).has(ruleIdentity(chain, rule)),
  };
}
