import { describe, expect, test } from 'bun:test';
import {
  CHAIN_PREFIX,
  formatChainName,
  formatChainNameWithPrefix,
  MAX_CHAIN_LENGTH,
} from './chain-name.ts';

describe('formatChainName', () => {
  test('gives the chain names recorded from the Go plugins on this machine', () => {
    // reference-plugins.md §6.4 (bridge), §6.5 (ptp), §6.7 (bridge in a chain).
    expect(formatChainName('pur-brnet', 'cid-br1')).toBe('CNI-d25dd76defe1afc7a2c8208b');
    expect(formatChainName('pur-ptpnet', 'cid-ptp1')).toBe('CNI-af27a0f6d5581986f3054c87');
    expect(formatChainName('pur-chain', 'cid-chain1')).toBe('CNI-8d8247564e11a8d9dfd6451a');
  });

  test('matches the values upstream pins in its own tests', () => {
    expect(formatChainName('test', '1234')).toBe('CNI-2bbe0c48b91a7d1b8a6753a8');
    expect(formatChainName('testalongnamethatdoesnotmakesense', '1234')).toBe(
      'CNI-374f33fe84ab0ed84dcdebe3',
    );
  });

  test('is always 28 characters and changes when one character changes', () => {
    const a = formatChainName('testalongnamethatdoesnotmakesense', '1234');
    const b = formatChainName('testalongnamethatdoesnotmakesense', '1235');
    expect(a).toHaveLength(MAX_CHAIN_LENGTH);
    expect(b).toHaveLength(MAX_CHAIN_LENGTH);
    expect(a.startsWith(CHAIN_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
  });
});

describe('formatChainNameWithPrefix', () => {
  test('puts the prefix between CNI- and the hash', () => {
    expect(formatChainNameWithPrefix('test', '1234', 'PREFIX-')).toBe(
      'CNI-PREFIX-2bbe0c48b91a7d1b8',
    );
    // portmap's per-container DNAT chain, recorded in §6.7.
    expect(formatChainNameWithPrefix('pur-chain', 'cid-chain1', 'DN-')).toBe(
      'CNI-DN-8d8247564e11a8d9dfd64',
    );
  });

  test('throws a RangeError when the prefix leaves no room', () => {
    expect(() => formatChainNameWithPrefix('test', '1234', 'PREFIX-'.repeat(4))).toThrow(
      RangeError,
    );
  });
});
