import { describe, expect, test } from 'bun:test';
import { NFT_LIST_CHAIN, NFT_LIST_TABLE } from '../fixtures/captured.ts';
import { isGotoRule, NftJsonError, parseNftJson, readMasqRule } from './nft-json.ts';

describe('parseNftJson', () => {
  test('reads a captured `nft -j list chain`', () => {
    const listing = parseNftJson(NFT_LIST_CHAIN);
    expect(listing.chains).toEqual([
      { family: 'inet', table: 'cni_plugins_masquerade', name: 'masq_checks', handle: 1 },
    ]);
    expect(listing.rules.map((rule) => [rule.handle, rule.comment])).toEqual([
      [6, '2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1'],
      [7, '2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1'],
      [11, '2be9a5189791c3fc-a8ed153dc355dbd9, net: pur-brnet, if: eth0, id: cid-br2'],
      [15, '74cdb60282db68d8-dd0ae5192191c98b, net: pur-other, if: net1, id: cid-o1'],
    ]);
    expect(listing.rules.map(readMasqRule)).toEqual([
      { family: 4, source: '10.244.50.4', excluded: '10.244.50.0/24' },
      { family: 6, source: 'fd00:50::4', excluded: 'fd00:50::/64' },
      { family: 4, source: '10.244.50.5', excluded: '10.244.50.0/24' },
      { family: 4, source: '10.245.0.2', excluded: '10.245.0.0/16' },
    ]);
  });

  test('reads a captured `nft -j list table`, base chain details included', () => {
    const listing = parseNftJson(NFT_LIST_TABLE);
    expect(listing.chains[1]).toEqual({
      family: 'inet',
      table: 'cni_plugins_masquerade',
      name: 'postrouting',
      handle: 2,
      type: 'nat',
      hook: 'postrouting',
      prio: 100,
    });
    const postrouting = listing.rules.filter((rule) => rule.chain === 'postrouting');
    expect(postrouting.map((rule) => isGotoRule(rule, 'masq_checks'))).toEqual([
      false,
      false,
      true,
    ]);
    expect(postrouting.map(readMasqRule)).toEqual([undefined, undefined, undefined]);
  });

  test('refuses what is not nft JSON', () => {
    for (const bad of ['', 'nope', '[]', '{"nftables": 3}', '{"nftables": [1]}']) {
      expect(() => parseNftJson(bad)).toThrow(NftJsonError);
    }
    expect(() => parseNftJson('{"nftables": [{"metainfo": {"json_schema_version": 2}}]}')).toThrow(
      'json_schema_version',
    );
    expect(() => parseNftJson('{"nftables": [{"rule": {"family": "inet"}}]}')).toThrow(
      NftJsonError,
    );
  });

  test('a /32 exclusion printed as a bare address reads as /32', () => {
    const listing = parseNftJson(
      NFT_LIST_CHAIN.replace('{"prefix": {"addr": "10.245.0.0", "len": 16}}', '"10.245.0.2"'),
    );
    expect(
      readMasqRule(listing.rules[3] ?? { family: '', table: '', chain: '', handle: 0, expr: [] }),
    ).toEqual({
      family: 4,
      source: '10.245.0.2',
      excluded: '10.245.0.2/32',
    });
  });
});

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseNftJson properties', () => {
  test('random bytes and mutated captures either decode or throw NftJsonError', () => {
    const random = prng(0x5eed);
    const decoder = new TextDecoder();
    const samples: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 64));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
      samples.push(decoder.decode(bytes));
    }
    for (let i = 0; i < 1500; i++) {
      const source = i % 2 === 0 ? NFT_LIST_CHAIN : NFT_LIST_TABLE;
      const at = Math.floor(random() * source.length);
      const junk = String.fromCharCode(Math.floor(random() * 128));
      samples.push(source.slice(0, at) + junk + source.slice(at + 1));
    }
    for (const sample of samples) {
      try {
        const listing = parseNftJson(sample);
        for (const rule of listing.rules) {
          readMasqRule(rule);
          isGotoRule(rule, 'masq_checks');
        }
      } catch (error) {
        expect(error).toBeInstanceOf(NftJsonError);
      }
    }
  });

  test('decoding is stable: decode(encode(decode(x))) equals decode(x) for the captures', () => {
    for (const capture of [NFT_LIST_CHAIN, NFT_LIST_TABLE]) {
      const once = parseNftJson(capture);
      const items = [
        ...once.chains.map((chain) => ({ chain })),
        ...once.rules.map((rule) => ({ rule })),
      ];
      const again = parseNftJson(JSON.stringify({ nftables: items }));
      expect(again).toEqual(once);
    }
  });
});
