/** One line of `iptables -S` output, split into its words. */
export interface RuleLine {
  /** `-P`, `-N` or `-A`. */
  readonly op: string;
  readonly chain: string;
  /** The rule after the chain name (empty for -P/-N, except -P's policy). */
  readonly rule: readonly string[];
}

/**
 * Splits an `iptables -S` / `iptables-save` line as iptables quotes it: words separated by
 * spaces, a word in double quotes may hold spaces, and `\"` / `\\` inside quotes stand for
 * `"` / `\`. Undefined for a line with an unterminated quote.
 */
export function splitRuleWords(line: string): string[] | undefined {
  // Most lines quote nothing: the native split, without a loop over every character in
  // the interpreter (a host with hundreds of containers lists hundreds of rules per ADD).
  if (!line.includes('"')) {
    const words: string[] = [];
    for (const word of line.split(' ')) if (word !== '') words.push(word);
    return words;
  }
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    let word = '';
    if (line[i] === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const char = line.charAt(i);
        if (char === '\\' && i + 1 < line.length) {
          word += line.charAt(i + 1);
          i += 2;
        } else if (char === '"') {
          closed = true;
          i++;
          break;
        } else {
          word += char;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      while (i < line.length && line[i] !== ' ') word += line.charAt(i++);
    }
    words.push(word);
  }
  return words;
}

/** Parses a `-P`/`-N`/`-A` line of `iptables -S`; undefined for anything else. */
export function parseRuleLine(line: string): RuleLine | undefined {
  const words = splitRuleWords(line.trim());
  if (words === undefined) return undefined;
  // Indexes and slice(), not a rest pattern: that iterates in the interpreter, per line.
  const op = words[0];
  const chain = words[1];
  if ((op !== '-P' && op !== '-N' && op !== '-A') || chain === undefined) return undefined;
  return { op, chain, rule: words.slice(2) };
}

/** The value after `option` in a rule (`--comment`, `-j`…), if present. */
export function ruleOption(rule: readonly string[], option: string): string | undefined {
  const at = rule.indexOf(option);
  return at < 0 ? undefined : rule[at + 1];
}
