import { parseCidr, parseIp } from '@cni-ts/spec-types';

// The nft-syntax conditions of portmap's nftables backend (`conditionsV4`/`conditionsV6`),
// read without building expressions (nft-conditions.ts builds them), so that a config can
// be checked without loading the nf_tables code. The matches a condition may use: `ip|ip6
// saddr|daddr [==|!=] ADDRESS[/PREFIX]` and `iifname|oifname [==|!=] NAME`, any number of
// them in a row; anything else is refused by name.

/** A condition the kit cannot turn into expressions. */
export class NftConditionError extends Error {
  override readonly name = 'NftConditionError';
  readonly text: string;

  constructor(text: string, reason: string) {
    super(`unsupported nftables condition ${JSON.stringify(text)}: ${reason}`);
    this.text = text;
  }
}

export function isNftConditionError(error: unknown): error is NftConditionError {
  return error instanceof NftConditionError;
}

/** One match of a condition, as read. */
export type NftCondition =
  | {
      readonly kind: 'ifname';
      readonly key: 'iifname' | 'oifname';
      readonly op: 'eq' | 'neq';
      /** Without the quotes it may have been written in. */
      readonly name: string;
    }
  | {
      readonly kind: 'ip';
      readonly field: 'saddr' | 'daddr';
      readonly op: 'eq' | 'neq';
      /** ADDRESS[/PREFIX] as written. */
      readonly address: string;
    };

/** The kernel's interface name limit (IFNAMSIZ, with its NUL). */
const IFNAMSIZ = 16;

function negation(tokens: string[]): 'eq' | 'neq' {
  const op = tokens[0];
  if (op === '!=' || op === '==') tokens.shift();
  return op === '!=' ? 'neq' : 'eq';
}

/**
 * The matches of `words` (joined and split on spaces) for an ip (4) or ip6 (6) table;
 * NftConditionError (with the reason the expressions would give) for anything else.
 */
export function parseNftConditions(words: readonly string[], family: 4 | 6): NftCondition[] {
  const text = words.join(' ');
  const tokens: string[] = [];
  for (const token of text.split(/\s+/)) if (token !== '') tokens.push(token);
  const conditions: NftCondition[] = [];
  while (tokens.length > 0) {
    const head = tokens.shift() ?? '';
    if (head === 'iifname' || head === 'oifname') {
      const op = negation(tokens);
      const written = tokens.shift();
      if (written === undefined) throw new NftConditionError(text, `${head} needs a name`);
      const name = written.replace(/^"(.*)"$/, '$1');
      if (new TextEncoder().encode(name).length >= IFNAMSIZ) {
        throw new NftConditionError(text, `TypeError: interface name too long: ${name}`);
      }
      conditions.push({ kind: 'ifname', key: head, op, name });
      continue;
    }
    if (head !== 'ip' && head !== 'ip6') {
      throw new NftConditionError(text, `unknown match ${JSON.stringify(head)}`);
    }
    if ((head === 'ip') !== (family === 4)) {
      throw new NftConditionError(text, `${head} match in the IPv${family} table`);
    }
    const field = tokens.shift();
    if (field !== 'saddr' && field !== 'daddr') {
      throw new NftConditionError(text, `${head} ${field ?? ''}: only saddr and daddr`);
    }
    const op = negation(tokens);
    const address = tokens.shift() ?? '';
    const ip = parseIp(address.split('/')[0] ?? '');
    if (ip === undefined || (ip.length === 4) !== (family === 4)) {
      throw new NftConditionError(text, `not an IPv${family} address: ${JSON.stringify(address)}`);
    }
    if (address.includes('/') && parseCidr(address) === undefined) {
      const reason = `TypeError: ip ${field}: '${address}' has an invalid prefix length`;
      throw new NftConditionError(text, reason);
    }
    conditions.push({ kind: 'ip', field, op, address });
  }
  return conditions;
}
