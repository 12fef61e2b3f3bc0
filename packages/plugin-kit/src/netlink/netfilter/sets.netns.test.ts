import { describe, expect, test } from 'bun:test';
import { isBusy, isNotFound } from '../../errors/predicates.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { thrown } from '../../testing/thrown.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { NftBatch } from './batch.ts';
import { NFT_DATA_VERDICT, NFT_SET } from './constants.ts';
import { CAPTURED } from './fixtures/batches.ts';
import { verdict } from './match.ts';
import { inSet, ipLoad } from './match-set.ts';
import { isNftError, type NftError } from './nft-error.ts';
import { openNftSocket } from './nft-socket.ts';
import { getNftSet, listNftSets } from './set.ts';
import { listNftSetElems } from './set-elem.ts';
import { ipKey, portKey } from './set-key.ts';

useTimeLimit('netns');

// Sets, maps and their elements against the kernel, in throwaway namespaces only: what nft
// makes from the fixture scripts and what the layer makes are the same kernel objects, the
// typed listings read them back, and a refused batch leaves nothing behind.

const FIXTURES = `${import.meta.dir}/fixtures`;
const haveNft = Bun.which('nft') !== null;
const SET_FIXTURES = ['set-interval', 'set-timeout', 'vmap', 'set-lookup'] as const;

/** `nft -j list ruleset` without the metainfo, handles and the time left of timed elements. */
function ruleset(host: TestNetns): unknown[] {
  const parsed = JSON.parse(host.exec(['nft', '-j', 'list', 'ruleset'])) as { nftables: object[] };
  return parsed.nftables
    .filter((item) => !('metainfo' in item))
    .map((item) =>
      JSON.parse(
        JSON.stringify(item, (key, value) =>
          key === 'handle' || key === 'expires' ? undefined : value,
        ),
      ),
    );
}

const T = { family: 'inet', table: 't' } as const;

describe.skipIf(!canUseNetns() || !haveNft)('nf_tables sets in throwaway namespaces', () => {
  test('twin namespaces: nft -f of the set scripts and the layer give the same ruleset', () => {
    using theirs = createTestNetns('t23');
    using ours = createTestNetns('t23');
    using sock = openNftSocket({ netns: ours.ns });
    for (const name of SET_FIXTURES) {
      theirs.exec(['nft', '-f', `${FIXTURES}/${name}.nft`]);
      sock.commit(CAPTURED[name]());
      expect(ruleset(ours)).toEqual(ruleset(theirs));
    }
    const text = ours.exec(['nft', 'list', 'ruleset']);
    expect(text).toContain('elements = { 10.0.0.0/8, 192.168.1.0/24 }');
    expect(text).toContain('elements = { 80 : accept, 443 : jump foo }');
    expect(text).toContain('ip saddr != @allowed drop');
    expect(text).toContain('tcp dport vmap @ports');
  });

  test('listing: sets and maps with their types, flags, timeouts and elements', () => {
    using host = createTestNetns('t23');
    using sock = openNftSocket({ netns: host.ns });
    for (const name of SET_FIXTURES) sock.commit(CAPTURED[name]());
    const sets = listNftSets(sock);
    expect(sets.map((s) => [s.family, s.name, s.key, s.data, s.flags, s.timeoutMs])).toEqual([
      ['ip', 'nets', 'ipv4_addr', undefined, NFT_SET.INTERVAL, undefined],
      ['ip', 'seen', 'ipv4_addr', undefined, NFT_SET.TIMEOUT, 3_600_000],
      ['inet', 'ports', 'inet_service', 'verdict', NFT_SET.MAP, undefined],
      ['inet', 'allowed', 'ipv4_addr', undefined, 0, undefined],
      ['inet', 'ports', 'inet_service', 'verdict', NFT_SET.MAP, undefined],
    ]);
    expect(listNftSets(sock, { family: 'inet', table: 't23_lookup' }).map((s) => s.name)).toEqual([
      'allowed',
      'ports',
    ]);
    const ports = getNftSet(sock, { family: 'inet', table: 't23', name: 'ports' });
    // nft sends a verdict map's data length as 0; the kernel lists sizeof(struct nft_verdict).
    expect([ports.dataType, ports.dataLen, ports.keyLen]).toEqual([NFT_DATA_VERDICT, 16, 2]);
    const vmap = listNftSetElems(sock, { family: 'inet', table: 't23', name: 'ports' });
    expect(vmap.map((e) => [[...e.key], e.data])).toEqual(
      expect.arrayContaining([
        [[0, 80], { verdict: { code: 'accept' } }],
        [[1, 187], { verdict: { code: 'jump', chain: 'foo' } }],
      ]),
    );
    const seen = listNftSetElems(sock, { family: 'ip', table: 't23', name: 'seen' });
    const timed = seen.find((e) => e.key[3] === 3);
    expect(timed?.timeoutMs).toBe(30_000);
    expect(timed?.expiresMs).toBeLessThanOrEqual(30_000);
    // The kernel lists no timeout for an element that has the set's default.
    const untimed = seen.find((e) => e.key[3] === 4);
    expect(untimed?.timeoutMs).toBeUndefined();
    expect(untimed?.expiresMs).toBeGreaterThan(3_000_000);
    const nets = listNftSetElems(sock, { family: 'ip', table: 't23', name: 'nets' });
    expect(nets.filter((e) => e.intervalEnd !== true).map((e) => [...e.key])).toEqual(
      expect.arrayContaining([
        [10, 0, 0, 0],
        [192, 168, 1, 0],
      ]),
    );
    expect(
      isNotFound(thrown(() => listNftSetElems(sock, { family: 'ip', table: 't23', name: 'no' }))),
    ).toBe(true);
  });

  test('delete element, flush set, delete set; a set a rule uses is busy', () => {
    using host = createTestNetns('t23');
    using sock = openNftSocket({ netns: host.ns });
    sock.commit(CAPTURED['set-lookup']());
    const ports = { family: 'inet', table: 't23_lookup', name: 'ports' } as const;
    sock.commit(
      new NftBatch().addSetElems({
        ...ports,
        set: ports.name,
        elements: [
          { key: portKey(22), data: { verdict: { code: 'drop' } } },
          { key: portKey(80), data: { verdict: { code: 'accept' } } },
        ],
      }),
    );
    sock.commit(
      new NftBatch().deleteSetElems({
        ...ports,
        set: ports.name,
        elements: [{ key: portKey(22) }],
      }),
    );
    expect(listNftSetElems(sock, ports).map((e) => [...e.key])).toEqual([[0, 80]]);
    sock.commit(new NftBatch().flushSet(ports));
    expect(listNftSetElems(sock, ports)).toEqual([]);
    const busy = thrown(() => sock.commit(new NftBatch().deleteSet(ports))) as NftError;
    expect(isBusy(busy)).toBe(true);
    expect(busy.object).toBe('set inet t23_lookup ports');
    sock.commit(
      new NftBatch()
        .flushChain({ family: 'inet', table: 't23_lookup', name: 'input' })
        .deleteSet(ports)
        .deleteSet({ ...ports, name: 'allowed' }),
    );
    expect(listNftSets(sock)).toEqual([]);
  });

  test('an element for a missing set: ENOENT naming the element, nothing made', () => {
    using host = createTestNetns('t23');
    using sock = openNftSocket({ netns: host.ns });
    const batch = new NftBatch()
      .addTable({ family: T.family, name: T.table })
      .addSet({ ...T, name: 'a', key: 'ipv4_addr', id: 1 })
      .addSetElems({ ...T, set: 'missing', elements: [{ key: ipKey('10.0.0.1') }] });
    const error = thrown(() => sock.commit(batch)) as NftError;
    expect(isNftError(error)).toBe(true);
    expect(isNotFound(error)).toBe(true);
    expect(error.op).toBe('NFT_MSG_NEWSETELEM');
    expect(error.object).toBe('element inet t missing');
    expect(error.index).toBe(2);
    expect(ruleset(host)).toEqual([]);
  });

  test('a set name over the kernel limit: typed error naming the set, nothing made', () => {
    using host = createTestNetns('t23');
    using sock = openNftSocket({ netns: host.ns });
    const name = 's'.repeat(300);
    const batch = new NftBatch()
      .addTable({ family: T.family, name: T.table })
      .addSet({ ...T, name, key: 'ipv4_addr' });
    const error = thrown(() => sock.commit(batch)) as NftError;
    expect(isNftError(error)).toBe(true);
    expect(error.op).toBe('NFT_MSG_NEWSET');
    expect(error.object).toBe(`set inet t ${name}`);
    expect(error.code).toBe('ERANGE');
    expect(ruleset(host)).toEqual([]);
  });

  test('a rule looking up a set made later in the batch fails; one made before by id works', () => {
    using host = createTestNetns('t23');
    using sock = openNftSocket({ netns: host.ns });
    const base = () =>
      new NftBatch().addTable({ family: T.family, name: T.table }).addChain({ ...T, name: 'c' });
    const rule = {
      ...T,
      chain: 'c',
      exprs: [...ipLoad(4, 'saddr'), inSet({ set: 'a', setId: 7 }), verdict({ code: 'accept' })],
    };
    const late = base()
      .addRule(rule)
      .addSet({ ...T, name: 'a', key: 'ipv4_addr', id: 7 });
    const error = thrown(() => sock.commit(late)) as NftError;
    expect(isNotFound(error)).toBe(true);
    expect(error.op).toBe('NFT_MSG_NEWRULE');
    expect(ruleset(host)).toEqual([]);
    sock.commit(
      base()
        .addSet({ ...T, name: 'a', key: 'ipv4_addr', id: 7 })
        .addRule(rule),
    );
    expect(host.exec(['nft', 'list', 'chain', 'inet', 't', 'c'])).toContain('ip saddr @a accept');
  });
});
