// The bridge with this executable's own host-local, run in process (CNI_PATH is the
// multicall directory), through the 1.1.0 verbs: ADD, CHECK, STATUS, GC and DEL.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, withPrev } from '../../test/_world.ts';
import {
  dualStackConfig,
  hostVeths,
  natRules,
  nftRuleset,
  reservations,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function config11(dataDir: string, extra: Record<string, unknown> = {}) {
  return dualStackConfig(dataDir, { cniVersion: '1.1.0', macspoofchk: true, ...extra });
}

describe.skipIf(skip !== null)(
  `bridge with the in-process host-local${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD, CHECK, STATUS, DEL', () => {
      const world = worlds.create();
      const config = config11(world.dataDir);
      const add = run(world, worlds.bin, 'ADD', config);
      expect(add.stderr).toBe('');
      expect(add.exitCode).toBe(0);
      expect(add.json).toMatchObject({
        cniVersion: '1.1.0',
        ips: [{ address: '10.244.50.2/24' }, { address: 'fd00:50::2/64' }],
      });
      expect(run(world, worlds.bin, 'CHECK', withPrev(config, add.json)).exitCode).toBe(0);
      expect(run(world, worlds.bin, 'STATUS', config).exitCode).toBe(0);
      expect(run(world, worlds.bin, 'DEL', withPrev(config, add.json)).exitCode).toBe(0);
      expect(reservations(world)).toEqual([]);
      expect(hostVeths(world)).toEqual([]);
    });

    test('GC removes the rules, spoof checks and reservations of attachments no longer valid', () => {
      const world = worlds.create(2);
      const config = config11(world.dataDir);
      for (const [container, containerId] of [
        [0, 'cid-keep'],
        [1, 'cid-gone'],
      ] as const) {
        expect(run(world, worlds.bin, 'ADD', config, { container, containerId }).exitCode).toBe(0);
      }
      // The runtime lost cid-gone: its namespace went without a DEL.
      containerOf(world, 1).remove();
      expect(natRules(world)).toContain('cid-gone');
      expect(nftRuleset(world)).toContain('macspoofchk-cid-gone-eth0');
      const gc = run(
        world,
        worlds.bin,
        'GC',
        { ...config, 'cni.dev/valid-attachments': [{ containerID: 'cid-keep', ifname: 'eth0' }] },
        { netns: '' },
      );
      expect(gc.stdout).toBe('');
      expect(gc.exitCode).toBe(0);
      expect(natRules(world)).toContain('cid-keep');
      expect(natRules(world)).not.toContain('cid-gone');
      const ruleset = nftRuleset(world);
      expect(ruleset).toContain('macspoofchk-cid-keep-eth0');
      expect(ruleset).not.toContain('macspoofchk-cid-gone-eth0');
      expect(reservations(world)).toEqual(['10.244.50.2', 'fd00:50::2']);
    });
  },
);
