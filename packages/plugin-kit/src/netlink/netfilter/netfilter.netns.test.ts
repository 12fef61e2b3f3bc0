import { describe, expect, test } from 'bun:test';
import { isNotFound } from '../../errors/predicates.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { thrown } from '../../testing/thrown.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { NftBatch } from './batch.ts';
import { listNftChains } from './chain.ts';
import { CAPTURED } from './fixtures/batches.ts';
import { batchOf, hex, parseMnlDebug } from './fixtures/mnl-debug.ts';
import { verdict } from './match.ts';
import { isNftError, isNftGenerationChanged, type NftError } from './nft-error.ts';
import { openNftSocket } from './nft-socket.ts';
import { listNftRules } from './rule.ts';
import { listNftTables } from './table.ts';

useTimeLimit('netns');

// The layer against the kernel, in throwaway namespaces only: the objects nft makes from
// the fixture scripts and the objects the layer makes are the same kernel objects, and a
// refused batch leaves nothing behind.

const FIXTURES = `${import.meta.dir}/fixtures`;
const haveNft = Bun.which('nft') !== null;

/** `nft -j list ruleset` without the metainfo and handles. */
function ruleset(host: TestNetns): unknown[] {
  const parsed = JSON.parse(host.exec(['nft', '-j', 'list', 'ruleset'])) as { nftables: object[] };
  return parsed.nftables
    .filter((item) => !('metainfo' in item))
    .map((item) =>
      JSON.parse(JSON.stringify(item, (key, value) => (key === 'handle' ? undefined : value))),
    );
}

describe.skipIf(!canUseNetns() || !haveNft)('nf_tables layer in throwaway namespaces', () => {
  test('kernel objects: nft -f of the fixture scripts and the layer give the same ruleset', () => {
    using theirs = createTestNetns();
    using ours = createTestNetns();
    using sock = openNftSocket({ netns: ours.ns });
    for (const name of ['masq-setup', 'spoof-setup', 'masq-teardown', 'spoof-teardown'] as const) {
      theirs.exec(['nft', '-f', `${FIXTURES}/${name}.nft`]);
      sock.commit(CAPTURED[name]());
      expect(ruleset(ours)).toEqual(ruleset(theirs));
    }
    expect(ruleset(ours).length).toBeGreaterThan(3);
  });

  test('the goldens hold for the nft installed here (captured live)', () => {
    using host = createTestNetns();
    for (const name of Object.keys(CAPTURED) as (keyof typeof CAPTURED)[]) {
      const dump = host.exec(['nft', '--debug=mnl', '-f', `${FIXTURES}/${name}.nft`]);
      const live = batchOf(parseMnlDebug(dump)).map((m) => [m.type, hex(m.payload)]);
      expect(CAPTURED[name]().messages.map((m) => [m.type, hex(m.payload)])).toEqual(live);
    }
  });

  test('listing: tables, chains and rules with comments, hooks and handles', () => {
    using host = createTestNetns();
    using sock = openNftSocket({ netns: host.ns });
    sock.commit(CAPTURED['masq-setup']());
    const tables = listNftTables(sock);
    expect(tables.map((t) => [t.family, t.name, t.comment])).toEqual([
      [
        'inet',
        'cni_plugins_masquerade',
        'Masquerading for plugins from github.com/containernetworking/plugins',
      ],
    ]);
    const chains = listNftChains(sock, { family: 'inet', table: 'cni_plugins_masquerade' });
    expect(chains.map((c) => [c.name, c.type, c.hook, c.policy])).toEqual([
      ['masq_checks', undefined, undefined, undefined],
      ['postrouting', 'nat', { hooknum: 4, priority: 100 }, 'accept'],
    ]);
    const rules = listNftRules(sock, {
      family: 'inet',
      table: 'cni_plugins_masquerade',
      chain: 'masq_checks',
    });
    expect(rules.map((r) => r.handle)).toEqual([6, 7]);
    expect(rules[0]?.exprs.at(-1)).toEqual({ kind: 'masq' });
    expect(listNftRules(sock, { family: 'inet', table: 'absent', chain: 'none' })).toEqual([]);
    expect(sock.generation()).toBeGreaterThan(0);
  });

  test('a name over the kernel limit: typed error naming the table, nothing made', () => {
    using host = createTestNetns();
    using sock = openNftSocket({ netns: host.ns });
    const batch = new NftBatch()
      .addTable({ family: 'inet', name: 'ok' })
      .addTable({ family: 'inet', name: 'x'.repeat(300) });
    const error = thrown(() => sock.commit(batch)) as NftError;
    expect(isNftError(error)).toBe(true);
    expect(error.op).toBe('NFT_MSG_NEWTABLE');
    expect(error.object).toBe(`table inet ${'x'.repeat(300)}`);
    expect(error.code).toBe('ERANGE');
    expect(listNftTables(sock)).toEqual([]);
  });

  test('a rule jumping to a missing chain: ENOENT naming the rule, nothing made', () => {
    using host = createTestNetns();
    using sock = openNftSocket({ netns: host.ns });
    const batch = new NftBatch()
      .addTable({ family: 'inet', name: 't' })
      .addChain({ family: 'inet', table: 't', name: 'c' })
      .addRule({
        family: 'inet',
        table: 't',
        chain: 'c',
        exprs: [verdict({ code: 'jump', chain: 'missing' })],
      });
    const error = thrown(() => sock.commit(batch)) as NftError;
    expect(isNotFound(error)).toBe(true);
    expect(error.op).toBe('NFT_MSG_NEWRULE');
    expect(error.object).toBe('rule inet t c');
    expect(error.index).toBe(2);
    expect(ruleset(host)).toEqual([]);
  });

  test('a table another process deletes mid-transaction: stale generation or ENOENT, nothing half made', () => {
    using host = createTestNetns();
    using sock = openNftSocket({ netns: host.ns });
    sock.commit(
      new NftBatch()
        .addTable({ family: 'inet', name: 't' })
        .addChain({ family: 'inet', table: 't', name: 'c' }),
    );
    const genId = sock.generation();
    host.exec(['nft', 'delete', 'table', 'inet', 't']); // another process
    const batch = new NftBatch()
      .addChain({ family: 'inet', table: 't', name: 'd' })
      .addRule({ family: 'inet', table: 't', chain: 'c', exprs: [verdict({ code: 'accept' })] });
    expect(isNftGenerationChanged(thrown(() => sock.commit(batch, { genId })))).toBe(true);
    const error = thrown(() => sock.commit(batch)) as NftError;
    expect(isNotFound(error)).toBe(true);
    expect(error.object).toBe('chain inet t d');
    expect(ruleset(host)).toEqual([]);
  });
});
