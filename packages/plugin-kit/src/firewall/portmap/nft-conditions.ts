import { parseIp } from '@cni-ts/spec-types';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { ifnameIs, ipMatch } from '../../netlink/netfilter/match.ts';

// The nft-syntax conditions of portmap's nftables backend (`conditionsV4`/`conditionsV6`),
// turned into expressions without nft(8). The matches a condition may use: `ip|ip6
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

function negation(tokens: string[]): 'eq' | 'neq' {
  const op = tokens[0];
  if (op === '!=' || op === '==') tokens.shift();
  return op === '!=' ? 'neq' : 'eq';
}

function ifname(key: 'iifname' | 'oifname', op: 'eq' | 'neq', name: string): NftExpr[] {
  const exprs = ifnameIs(key, name.replace(/^"(.*)"$/, '$1'));
  const last = exprs.at(-1);
  if (op === 'eq' || last?.kind !== 'cmp') return exprs;
  return [...exprs.slice(0, -1), { ...last, op: 'neq' }];
}

/** The expressions of `words` (joined and split on spaces) for an ip (4) or ip6 (6) table. */
export function nftConditionExprs(words: readonly string[], family: 4 | 6): NftExpr[] {
  const text = words.join(' ');
  const tokens: string[] = [];
  for (const token of text.split(/\s+/)) if (token !== '') tokens.push(token);
  const exprs: NftExpr[] = [];
  while (tokens.length > 0) {
    const head = tokens.shift() ?? '';
    if (head === 'iifname' || head === 'oifname') {
      const op = negation(tokens);
      const name = tokens.shift();
      if (name === undefined) throw new NftConditionError(text, `${head} needs a name`);
      try {
        exprs.push(...ifname(head, op, name));
      } catch (error) {
        throw new NftConditionError(text, String(error));
      }
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
    try {
      exprs.push(...ipMatch({ field, address, op, guard: false }));
    } catch (error) {
      throw new NftConditionError(text, String(error));
    }
  }
  return exprs;
}
