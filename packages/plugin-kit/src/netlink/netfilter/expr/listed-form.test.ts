import { expect, test } from 'bun:test';
import { ipMatch, verdict } from '../match.ts';
import { exprsAsListed } from './listed-form.ts';
import { encodeExpr } from './registry.ts';

// Captured from kernel 6.18 (`ip netns exec … ` GETRULE dump of a rule the masquerade setup
// made): `ip daddr 224.0.0.0/4 return` as the kernel lists it. Its nests have no
// NLA_F_NESTED and its bitwise carries NFTA_BITWISE_OP (0), unlike the request.
const LISTED_MULTICAST_RETURN =
  '24000100090001006d6574610000000014000200080002000000000f08000100000000012c00010008000100636d700020000200080001000000000108000200000000000c0003000500010002000000340001000c0001007061796c6f6164002400020008000100000000010800020000000001080003000000001008000400000000044c0001000c00010062697477697365003c00020008000100000000010800020000000001080003000000000408000600000000000c00040008000100f00000000c00050008000100000000002c00010008000100636d700020000200080001000000000108000200000000000c00030008000100e0000000300001000e000100696d6d6564696174650000001c0002000800010000000000100002000c00020008000100fffffffb';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const multicastReturn = [
  ...ipMatch({ field: 'daddr', address: '224.0.0.0/4', op: 'eq' }),
  verdict({ code: 'return' }),
];

test('exprsAsListed gives the bytes the kernel lists for the rule', () => {
  expect(hex(exprsAsListed(multicastReturn))).toBe(LISTED_MULTICAST_RETURN);
});

test('the request form differs from the listed one (so comparing raw bytes needs it)', () => {
  const request = multicastReturn.map((expr) => hex(encodeExpr(expr))).join('');
  expect(request).not.toBe(LISTED_MULTICAST_RETURN);
  expect(request.length).toBe(LISTED_MULTICAST_RETURN.length - 16);
});
