import { describe, expect, test } from 'bun:test';
import type { CommandRunner } from '@cni-ts/plugin-kit';
import { capturedSpoofCheckListing } from './fixtures/spoof-check-captures.ts';
import {
  parseSpoofCheckListing,
  setupSpoofCheck,
  spoofCheckBaseBatch,
  spoofCheckId,
  spoofCheckJumps,
  spoofCheckRulesBatch,
  spoofCheckTeardownBatch,
  teardownSpoofCheck,
} from './spoof-check.ts';

const target = {
  id: spoofCheckId('cid-sp1', 'eth0'),
  hostIfName: 'veth8ca2e2e3',
  containerMac: '16:1a:51:39:ee:82',
};

interface Call {
  readonly argv: readonly string[];
  readonly stdin?: string | undefined;
}

/** A runner that lists `listing` (or "no such table") and accepts every batch. */
function fakeNft(listing: string | undefined): { run: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const run: CommandRunner = (argv, stdin) => {
    calls.push({ argv: [...argv], stdin });
    if (argv.includes('list')) {
      return listing === undefined
        ? { exitCode: 1, stdout: '', stderr: 'Error: No such file or directory\n' }
        : { exitCode: 0, stdout: listing, stderr: '' };
    }
    return { exitCode: 0, stdout: '', stderr: '' };
  };
  return { run, calls };
}

function batchOf(call: Call | undefined): unknown[] {
  return (JSON.parse(call?.stdin ?? '{}') as { nftables: unknown[] }).nftables;
}

describe('spoof-check batches', () => {
  test('base batch: table, PREROUTING at priority -300 accepting, both chains', () => {
    expect(spoofCheckBaseBatch(target.id)).toEqual([
      { add: { table: { family: 'bridge', name: 'nat' } } },
      {
        add: {
          chain: {
            family: 'bridge',
            table: 'nat',
            name: 'PREROUTING',
            type: 'filter',
            hook: 'prerouting',
            prio: -300,
            policy: 'accept',
          },
        },
      },
      { add: { chain: { family: 'bridge', table: 'nat', name: 'cni-br-iface-cid-sp1-eth0' } } },
      { add: { chain: { family: 'bridge', table: 'nat', name: 'cni-br-iface-cid-sp1-eth0-mac' } } },
    ]);
  });

  test('rules batch lists back as the captured table (§6.4)', () => {
    const listed = parseSpoofCheckListing(capturedSpoofCheckListing);
    const added = spoofCheckRulesBatch(target)
      .map((command) => (command as { add?: { rule?: Record<string, unknown> } }).add?.rule)
      .filter((rule) => rule !== undefined);
    expect(added.map(({ chain, expr, comment }) => ({ chain, expr, comment }))).toEqual(
      listed.rules.map(({ chain, expr, comment }) => ({ chain, expr, comment })),
    );
  });

  test('stale jumps of the same attachment are deleted in the rules batch', () => {
    const batch = spoofCheckRulesBatch(target, [4]);
    expect(batch).toContainEqual({
      delete: { rule: { family: 'bridge', table: 'nat', chain: 'PREROUTING', handle: 4 } },
    });
  });

  test('teardown batch: the jump, then the iface chain, then the mac chain', () => {
    const listing = parseSpoofCheckListing(capturedSpoofCheckListing);
    expect(spoofCheckTeardownBatch(listing, target.id)).toEqual([
      { delete: { rule: { family: 'bridge', table: 'nat', chain: 'PREROUTING', handle: 4 } } },
      { delete: { chain: { family: 'bridge', table: 'nat', name: 'cni-br-iface-cid-sp1-eth0' } } },
      {
        delete: {
          chain: { family: 'bridge', table: 'nat', name: 'cni-br-iface-cid-sp1-eth0-mac' },
        },
      },
    ]);
    expect(spoofCheckTeardownBatch(listing, 'other-eth0')).toEqual([]);
  });

  test('jumps name their attachment and host veth', () => {
    const listing = parseSpoofCheckListing(capturedSpoofCheckListing);
    expect(spoofCheckJumps(listing)).toEqual([{ id: 'cid-sp1-eth0', hostIfName: 'veth8ca2e2e3' }]);
  });
});

describe('setupSpoofCheck and teardownSpoofCheck', () => {
  test('setup: base batch, a listing, then the rules replacing the old jump', () => {
    const nft = fakeNft(capturedSpoofCheckListing);
    setupSpoofCheck(target, nft.run);
    expect(nft.calls.map((call) => call.argv.join(' '))).toEqual([
      'nft -j -f -',
      'nft -j list table bridge nat',
      'nft -j -f -',
    ]);
    expect(batchOf(nft.calls[0])).toEqual(spoofCheckBaseBatch(target.id));
    expect(batchOf(nft.calls[2])).toEqual(spoofCheckRulesBatch(target, [4]));
  });

  test('teardown with nothing there runs no batch', () => {
    const nft = fakeNft(undefined);
    teardownSpoofCheck(target.id, nft.run);
    expect(nft.calls.map((call) => call.argv.join(' '))).toEqual(['nft -j list table bridge nat']);
  });

  test('a failing nft is a FirewallError with its words', () => {
    const run: CommandRunner = () => ({
      exitCode: 1,
      stdout: '',
      stderr: 'Error: Operation not permitted',
    });
    expect(() => setupSpoofCheck(target, run)).toThrow(
      'running [nft -j -f -]: exit status 1: Error: Operation not permitted',
    );
  });
});
