import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, withPrev } from '../../test/_world.ts';
import { dualStackConfig, hostVeths, natChains, reservations, run } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

describe.skipIf(skip !== null)(`ptp DEL${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('DEL after the netns is gone: ours removes the masquerade chain, Go leaks it', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const outcome = new Map<string, { exitCode: number; chains: string[]; held: string[] }>();
    for (const [label, world, dir] of [
      ['ours', ours, worlds.bin],
      ['go', go, GO_PLUGIN_DIR],
    ] as const) {
      const config = dualStackConfig(world.dataDir);
      const added = run(world, dir, 'ADD', config);
      expect(added.exitCode).toBe(0);
      expect(natChains(world.host)).toHaveLength(2);
      const netns = world.containers[0]?.path ?? '';
      world.containers[0]?.remove();
      // No prevResult: the addresses are unknown, as when a runtime lost its cache.
      const del = run(world, dir, 'DEL', config, { netns });
      outcome.set(label, {
        exitCode: del.exitCode,
        chains: natChains(world.host),
        held: reservations(world.dataDir),
      });
    }
    expect(outcome.get('ours')).toEqual({ exitCode: 0, chains: [], held: [] });
    // Upstream issue #810: the chain (one per family) stays behind.
    expect(outcome.get('go')).toMatchObject({ exitCode: 0, held: [] });
    expect(outcome.get('go')?.chains).toHaveLength(2);
  });

  test('DEL with an empty CNI_NETNS releases the addresses and the masquerade rules', () => {
    const world = worlds.create();
    const config = dualStackConfig(world.dataDir);
    const added = run(world, worlds.bin, 'ADD', config);
    expect(added.exitCode).toBe(0);
    for (let i = 0; i < 2; i++) {
      const del = run(world, worlds.bin, 'DEL', withPrev(config, added.json), { netns: '' });
      expect(del.exitCode).toBe(0);
    }
    expect(reservations(world.dataDir)).toEqual([]);
    expect(natChains(world.host)).toEqual([]);
    // Without a netns the container's interface cannot be reached; it stays, as upstream.
    expect(hostVeths(world.host)).toHaveLength(1);
  });

  test('DEL without a previous ADD, and with the interface already gone, succeeds', () => {
    const world = worlds.create();
    const config = dualStackConfig(world.dataDir);
    expect(run(world, worlds.bin, 'DEL', config).exitCode).toBe(0);
    const added = run(world, worlds.bin, 'ADD', config);
    expect(added.exitCode).toBe(0);
    world.containers[0]?.exec(['ip', 'link', 'del', 'eth0']);
    const del = run(world, worlds.bin, 'DEL', withPrev(config, added.json));
    expect(del.stdout).toBe('');
    expect(del.exitCode).toBe(0);
    expect(hostVeths(world.host)).toEqual([]);
    expect(reservations(world.dataDir)).toEqual([]);
    // The prevResult's addresses name the rules although the link was gone.
    expect(natChains(world.host)).toEqual([]);
  });
});
