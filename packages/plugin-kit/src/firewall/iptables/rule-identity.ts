import { formatCidr, parseCidr, parseIp } from '@cni-ts/spec-types';
import { maskAddress } from '../masq-address.ts';

// Whether a rule we would append is already there, decided from one `iptables -S` listing
// instead of one `iptables -C` per rule. iptables prints a rule in its own form: matches
// before the target, `-s 10.1.0.5` as `10.1.0.5/32`, `-d 10.1.0.5/24` as `10.1.0.0/24`.
// The identity below is the same for both forms: the rule's options as a sorted list,
// each with its value (negation kept) and addresses in the kernel's canonical form.

/** Options that take exactly one value. Anything else counts as a word of its own. */
const WITH_VALUE = new Set([
  '-s',
  '--source',
  '-d',
  '--destination',
  '-j',
  '--jump',
  '-g',
  '--goto',
  '-m',
  '--match',
  '-p',
  '--protocol',
  '-i',
  '--in-interface',
  '-o',
  '--out-interface',
  '--comment',
]);

const LONG_NAME: Readonly<Record<string, string>> = {
  '--source': '-s',
  '--destination': '-d',
  '--jump': '-j',
  '--goto': '-g',
  '--match': '-m',
  '--protocol': '-p',
  '--in-interface': '-i',
  '--out-interface': '-o',
};

const ADDRESS = new Set(['-s', '-d']);

/** A dotted quad without leading zeros, with /32: what masking and formatting give back. */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const CANONICAL_HOST_V4 = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}/32$`);

/** An address as iptables stores it: host bits cleared, prefix always written. */
export function canonicalRuleAddress(text: string): string {
  // How iptables lists a container's address: already canonical (a native regex test
  // instead of parsing and formatting it in the interpreter, once per listed rule).
  if (CANONICAL_HOST_V4.test(text)) return text;
  const cidr = parseCidr(text);
  if (cidr !== undefined) {
    return formatCidr({ ip: maskAddress(cidr.ip, cidr.prefix), prefix: cidr.prefix });
  }
  const ip = parseIp(text);
  return ip === undefined ? text : formatCidr({ ip, prefix: ip.length * 8 });
}

/**
 * A key equal for two spellings of the same rule in the same chain (as given to -A, and as
 * `iptables -S` prints it back).
 */
export function ruleIdentity(chain: string, rule: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rule.length; i++) {
    let word = rule[i] ?? '';
    let negated = '';
    if (word === '!' && i + 1 < rule.length) {
      negated = '!';
      word = rule[++i] ?? '';
    }
    const option = LONG_NAME[word] ?? word;
    const value = rule[i + 1];
    if (WITH_VALUE.has(word) && value !== undefined) {
      i++;
      parts.push(
        `${negated}${option}=${ADDRESS.has(option) ? canonicalRuleAddress(value) : value}`,
      );
    } else {
      parts.push(`${negated}${option}`);
    }
  }
  // Sorted by insertion (as sort() orders strings): a rule has a handful of parts.
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    let j = i - 1;
    for (; j >= 0 && (parts[j] as string) > part; j--) parts[j + 1] = parts[j] as string;
    parts[j + 1] = part;
  }
  let identity = chain;
  for (const part of parts) identity += `\0${part}`;
  return identity;
}
