import { describe, expect, test } from 'bun:test';
import { decodeAttributes } from '../codec/attributes.ts';
import { NFT_FIB_RESULT, NFTA_FIB_F } from './expr/fib.ts';
import { decodeExpr, encodeExpr } from './expr/registry.ts';
import type { NftExpr } from './expr/types.ts';
import { dnatTo, dportIs, fibDaddrLocal } from './match-nat.ts';

function roundTrip(expr: NftExpr): NftExpr {
  const [element] = decodeAttributes(encodeExpr(expr), ['test']);
  if (element === undefined) throw new Error('nothing encoded');
  return decodeExpr(element, ['test']);
}

describe('port-forwarding matches', () => {
  test('fib daddr type local: the addrtype lookup and RTN_LOCAL in host order', () => {
    const [fib, cmp] = fibDaddrLocal();
    expect(fib).toEqual({
      kind: 'fib',
      dreg: 1,
      result: NFT_FIB_RESULT.ADDRTYPE,
      flags: NFTA_FIB_F.DADDR,
    });
    expect(cmp).toMatchObject({ kind: 'cmp', op: 'eq', data: Uint8Array.of(2, 0, 0, 0) });
    if (fib === undefined) throw new Error('no fib expression');
    expect(roundTrip(fib)).toEqual(fib);
    // NFTA_FIB_DREG 1, NFTA_FIB_RESULT 3, NFTA_FIB_FLAGS 2, each a big-endian u32.
    expect([...encodeExpr(fib)].slice(-24)).toEqual([
      8, 0, 1, 0, 0, 0, 0, 1, 8, 0, 2, 0, 0, 0, 0, 3, 8, 0, 3, 0, 0, 0, 0, 2,
    ]);
  });

  test('tcp/udp/sctp dport: l4proto then the port at transport offset 2', () => {
    expect(dportIs('udp', 18053)).toEqual([
      { kind: 'meta', key: 16, dreg: 1 },
      { kind: 'cmp', sreg: 1, op: 'eq', data: Uint8Array.of(17) },
      { kind: 'payload', base: 2, offset: 2, len: 2, dreg: 1 },
      { kind: 'cmp', sreg: 1, op: 'eq', data: Uint8Array.of(0x46, 0x85) },
    ]);
    expect(dportIs('sctp', 1)[1]).toMatchObject({ data: Uint8Array.of(132) });
  });

  test('dnat to: address and port registers, the form the kernel lists back', () => {
    const v6 = dnatTo('fd00:52::2', 443);
    expect(v6[0]).toMatchObject({ dreg: 1, data: { value: expect.any(Uint8Array) } });
    expect(v6[2]).toEqual({
      kind: 'nat',
      type: 'dnat',
      family: 10,
      regAddrMin: 1,
      regAddrMax: 1,
      regProtoMin: 2,
      regProtoMax: 2,
      flags: 3,
    });
    for (const expr of dnatTo('10.244.52.2', 80)) expect(roundTrip(expr)).toEqual(expr);
  });
});
