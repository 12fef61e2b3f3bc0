import { describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, hostportTable, portmapConfig, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

const NET_A = 'pm-gc-a';
const NET_B = 'pm-gc-b';
/** The container ids `run` gives containers 0, 1 and 2. */
const [A1, A2, B1] = ['cid-chain1', 'cid-chain2', 'cid-chain3'];

/** portmap's config for `network` on the nftables backend, host port 18100 + n. */
function config(network: string, n: number, extra: Record<string, unknown> = {}) {
  const mappings = [{ hostPort: 18100 + n, containerPort: 80, protocol: 'tcp' }];
  return { ...portmapConfig({ backend: 'nftables', ...extra }, mappings), name: network };
}

/** bridge ADD of container n (once), then portmap ADD of it in `network`. */
function add(world: PluginWorld, network: string, n: number, prev: unknown, extra = {}): void {
  const added = run(
    world,
    worlds.bin,
    'portmap',
    'ADD',
    withPrev(config(network, n, extra), prev),
    {
      container: n,
    },
  );
  expect({ exitCode: added.exitCode, stderr: added.stderr }).toEqual({ exitCode: 0, stderr: '' });
}

/** GC of `network` with the given container ids (eth0) as its valid attachments. */
function gc(world: PluginWorld, network: string, valid: readonly string[]) {
  const gcConfig = {
    ...portmapConfig({ backend: 'nftables' }, null),
    cniVersion: '1.1.0',
    name: network,
    'cni.dev/valid-attachments': valid.map((containerID) => ({ containerID, ifname: 'eth0' })),
  };
  const done = run(world, worlds.bin, 'portmap', 'GC', gcConfig, { netns: '' });
  return { exitCode: done.exitCode, stdout: done.stdout };
}

function del(world: PluginWorld, network: string, n: number, extra = {}) {
  const bare = { ...portmapConfig({ backend: 'nftables', ...extra }, null), name: network };
  const done = run(world, worlds.bin, 'portmap', 'DEL', bare, { container: n, netns: '' });
  return { exitCode: done.exitCode, stdout: done.stdout };
}

/** How many rules of each container id the host's two tables hold. */
function ruleCounts(world: PluginWorld): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const family of ['ip', 'ip6'] as const) {
    for (const match of hostportTable(world, family).matchAll(/ comment "([^"]+)"/g)) {
      const id = match[1] ?? '';
      counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return counts;
}

function markers(world: PluginWorld, network: string): string[] {
  try {
    return readdirSync(join(world.dir, 'portmap', network)).sort();
  } catch {
    return [];
  }
}

// Per container, dual stack, one mapping: a DNAT rule per family, masquerade of the
// hairpin per family and of localhost for IPv4.
const PER_CONTAINER = 5;

describe.skipIf(skip !== null)(
  `portmap GC, nftables backend${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('GC(A) removes the stale attachment of A and keeps A valid one and B; twice; DEL after', () => {
      const world = worlds.create(3);
      add(world, NET_A, 0, attach(world, worlds.bin, 0));
      add(world, NET_A, 1, attach(world, worlds.bin, 1));
      add(world, NET_B, 2, attach(world, worlds.bin, 2));
      expect(ruleCounts(world)).toEqual({
        [A1]: PER_CONTAINER,
        [A2]: PER_CONTAINER,
        [B1]: PER_CONTAINER,
      });
      expect(markers(world, NET_A)).toEqual([`${A1}_eth0`, `${A2}_eth0`]);
      expect(markers(world, NET_B)).toEqual([`${B1}_eth0`]);

      expect(gc(world, NET_A, [A1])).toEqual({ exitCode: 0, stdout: '' });
      expect(ruleCounts(world)).toEqual({ [A1]: PER_CONTAINER, [B1]: PER_CONTAINER });
      const ip = hostportTable(world, 'ip');
      expect(ip).toContain(`tcp dport 18100 dnat to 10.244.52.2:80 comment "${A1}"`);
      expect(ip).not.toContain('dport 18101');
      expect(ip).toContain(`tcp dport 18102 dnat to 10.244.52.4:80 comment "${B1}"`);
      expect(markers(world, NET_A)).toEqual([`${A1}_eth0`]);
      expect(markers(world, NET_B)).toEqual([`${B1}_eth0`]);

      // A second GC finds nothing to do and succeeds.
      const before = [hostportTable(world, 'ip'), hostportTable(world, 'ip6')];
      expect(gc(world, NET_A, [A1])).toEqual({ exitCode: 0, stdout: '' });
      expect([hostportTable(world, 'ip'), hostportTable(world, 'ip6')]).toEqual(before);

      expect(del(world, NET_A, 0)).toEqual({ exitCode: 0, stdout: '' });
      expect(ruleCounts(world)).toEqual({ [B1]: PER_CONTAINER });
      expect(del(world, NET_B, 2)).toEqual({ exitCode: 0, stdout: '' });
      expect(ruleCounts(world)).toEqual({});
      expect([...markers(world, NET_A), ...markers(world, NET_B)]).toEqual([]);
    });

    test('GC keeps rules it has no marker of (as the Go plugin makes) and ids another network recorded', () => {
      const world = worlds.create(2);
      // Container 0 ADDed with its markers elsewhere: to GC of A, rules of unknown origin.
      const elsewhere = { dataDir: join(world.dir, 'elsewhere') };
      add(world, NET_A, 0, attach(world, worlds.bin, 0), elsewhere);
      // Container 1 attached to both networks: one id, so B's ADD replaced A's rules (as
      // upstream's would); both networks recorded it.
      const prev = attach(world, worlds.bin, 1);
      add(world, NET_A, 1, prev);
      add(world, NET_B, 1, prev);
      const all = ruleCounts(world);
      expect(all).toEqual({ [A1]: PER_CONTAINER, [A2]: PER_CONTAINER });

      expect(gc(world, NET_A, [])).toEqual({ exitCode: 0, stdout: '' });
      expect(ruleCounts(world)).toEqual(all);
      expect(markers(world, NET_A)).toEqual([]);
      expect(markers(world, NET_B)).toEqual([`${A2}_eth0`]);

      expect(del(world, NET_A, 0, elsewhere)).toEqual({ exitCode: 0, stdout: '' });
      expect(del(world, NET_B, 1)).toEqual({ exitCode: 0, stdout: '' });
      expect(ruleCounts(world)).toEqual({});
    });
  },
);
