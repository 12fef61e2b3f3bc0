import { describe, expect, test } from 'bun:test';
import { concatBytes, decodeAttributes, nla } from '../codec/attributes.ts';
import { isDecodeError } from '../codec/decode-error.ts';
import { be64 } from './_attr.ts';
import { NFTA_RULE } from './constants.ts';
import type { NftExpr } from './expr/types.ts';
import { encodeNfgenmsg } from './nfgenmsg.ts';
import { decodeRule, encodeNewRule, listedExprBytes } from './rule.ts';

const EXPRS: NftExpr[] = [
  { kind: 'counter' },
  { kind: 'immediate', dreg: 0, data: { verdict: { code: 'accept' } } },
];

/** A NEWRULE payload as the kernel lists it: the request's attributes plus a handle. */
function listed(handle: bigint, comment?: string): Uint8Array {
  const spec = { family: 'ip', table: 'filter', chain: 'CNI-FORWARD', exprs: EXPRS } as const;
  const request = encodeNewRule(comment === undefined ? spec : { ...spec, comment });
  return concatBytes([request, be64(NFTA_RULE.HANDLE, handle)]);
}

function decodeFailure(payload: Uint8Array): string {
  try {
    decodeRule(payload);
  } catch (error) {
    if (isDecodeError(error)) return error.message;
    throw error;
  }
  return 'decoded';
}

describe('decodeRule', () => {
  test('reads table, chain, handle, comment and (when asked) the expressions', () => {
    const rule = decodeRule(listed(2n ** 40n + 5n, 'cid-1'));
    expect({ ...rule }).toEqual({
      family: 'ip',
      table: 'filter',
      chain: 'CNI-FORWARD',
      handle: 2 ** 40 + 5,
      exprs: EXPRS,
      comment: 'cid-1',
    });
    // The expressions attribute's bytes as they came, for raw comparisons.
    const sent = decodeAttributes(listed(1n).subarray(4), []).find(
      (attribute) => attribute.type === NFTA_RULE.EXPRESSIONS,
    );
    expect(listedExprBytes(rule)).toEqual(sent?.value ?? new Uint8Array());
    expect(sent?.value.length ?? 0).toBeGreaterThan(0);
    expect('comment' in decodeRule(listed(7n))).toBe(false);
  });

  test('the last of a repeated attribute wins, as in nla_parse', () => {
    const payload = concatBytes([listed(7n), nla.string(NFTA_RULE.CHAIN, 'OTHER')]);
    expect(decodeRule(payload).chain).toBe('OTHER');
  });

  test('refuses what is malformed, naming it', () => {
    const head = encodeNfgenmsg(2);
    const table = nla.string(NFTA_RULE.TABLE, 'filter');
    const chain = nla.string(NFTA_RULE.CHAIN, 'C');
    const handle = be64(NFTA_RULE.HANDLE, 1n);
    expect(decodeFailure(new Uint8Array(3))).toContain('3 bytes, needs 4');
    expect(decodeFailure(concatBytes([encodeNfgenmsg(99), table]))).toContain('unknown family 99');
    const truncated = concatBytes([head, table]).subarray(0, 4 + 6);
    expect(decodeFailure(truncated)).toContain('attribute 1 has length 11, 6 bytes left');
    expect(decodeFailure(concatBytes([head, chain, handle]))).toContain('attribute 1 missing');
    expect(decodeFailure(concatBytes([head, table, handle]))).toContain('attribute 2 missing');
    expect(decodeFailure(concatBytes([head, table, chain]))).toContain('attribute 3 missing');
    const short = concatBytes([head, table, chain, nla.u32be(NFTA_RULE.HANDLE, 1)]);
    expect(decodeFailure(short)).toContain('needs 8 bytes, has 4');
  });
});
