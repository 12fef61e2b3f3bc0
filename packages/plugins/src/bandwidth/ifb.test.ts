import { describe, expect, test } from 'bun:test';
import { ifbName } from './ifb.ts';

describe('ifbName', () => {
  test("is upstream's name: bwp + 12 hex digits of sha512(network + container id)", () => {
    // The name the Go plugin gave in reference-plugins.md §6.7.
    expect(ifbName('pur-chain', 'cid-chain1')).toBe('bwp8d8247564e11');
    expect(ifbName('pur-chain', 'cid-chain2')).toHaveLength(15);
  });
});
