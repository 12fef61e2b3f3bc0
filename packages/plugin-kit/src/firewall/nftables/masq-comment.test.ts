import { describe, expect, test } from 'bun:test';
import { sha512Hex } from '../../hash/format-hash.ts';
import {
  commentForInstance,
  hashForInstance,
  hashForNetwork,
  truncateUtf8,
} from './masq-comment.ts';

describe('commentForInstance', () => {
  test('is <sha512(net)[:16]>-<sha512(if:id)[:16]>, net: …, if: …, id: …', () => {
    // Hashes cross-checked with `printf %s pur-brnet | sha512sum` and `… eth0:cid-br1 …`.
    expect(hashForNetwork('pur-brnet')).toBe('2be9a5189791c3fc');
    expect(hashForInstance('pur-brnet', 'eth0', 'cid-br1')).toBe(
      '2be9a5189791c3fc-98b6bda3e8194fce',
    );
    expect(commentForInstance('pur-brnet', 'eth0', 'cid-br1')).toBe(
      '2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1',
    );
  });

  test('strips double quotes from the names (not from the hashed text)', () => {
    expect(commentForInstance('a"b', 'e"0', '"c"')).toBe(
      `${sha512Hex('a"b').slice(0, 16)}-${sha512Hex('e"0:"c"').slice(0, 16)}, net: ab, if: e0, id: c`,
    );
  });

  test('is cut to 128 bytes, so a long container id still begins with the full hash', () => {
    const id = 'f'.repeat(64);
    const comment = commentForInstance('pur-brnet', 'eth0', id);
    expect(comment).toHaveLength(128);
    expect(comment.startsWith(hashForInstance('pur-brnet', 'eth0', id))).toBe(true);
  });

  test('never splits a multi-byte character', () => {
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('aé', 3)).toBe('aé');
    expect(
      new TextEncoder().encode(commentForInstance(`x${'ü'.repeat(80)}`, 'eth0', 'x')).length,
    ).toBe(127);
  });
});
