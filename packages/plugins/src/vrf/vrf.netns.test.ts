import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, run } from '../bandwidth/_test-world.ts';
import { vrfSkipReason } from './_test-vrf-probe.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;
const vrfSkip = skip ?? vrfSkipReason();

function vrfConfig(extra: Record<string, unknown> = {}) {
  return { cniVersion: '1.0.0', name: 'pur-chain', type: 'vrf', vrfname: 'blue', ...extra };
}

function container(world: PluginWorld) {
  const ns = world.containers[0];
  if (ns === undefined) throw new Error('no container');
  return ns;
}

/** What the container looks like: its links' names, kinds and masters, and its routes. */
function containerState(world: PluginWorld) {
  const ns = container(world);
  return {
    eth0Master: linkNamed(ns, 'eth0')?.master ?? null,
    blue: linkNamed(ns, 'blue')?.linkinfo ?? null,
    routes: ns.exec(['ip', '-4', 'route', 'show', 'table', 'all']).trim(),
  };
}

/** ptp + host-local in a world, then vrf with the prevResult; ours or Go's throughout. */
function chain(world: PluginWorld, dir: string, extra: Record<string, unknown> = {}) {
  const prev = attach(world, dir);
  const config = withPrev(vrfConfig(extra), prev);
  return { prev, config, added: run(world, dir, 'vrf', 'ADD', config) };
}

const dirs = () =>
  [
    ['ours', worlds.bin],
    ['Go', GO_PLUGIN_DIR],
  ] as const;

describe.skipIf(skip !== null)(
  `vrf on any kernel${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('DEL is success with no VRF, twice, and with the namespace gone, as Go', () => {
      for (const [label, dir] of dirs()) {
        const world = worlds.create();
        const prev = attach(world, dir);
        const config = withPrev(vrfConfig(), prev);
        const netns = container(world).path;
        const codes = [
          run(world, dir, 'vrf', 'DEL', config),
          run(world, dir, 'vrf', 'DEL', config),
        ];
        container(world).remove();
        codes.push(run(world, dir, 'vrf', 'DEL', config, { netns }));
        expect({ label, codes: codes.map((done) => [done.exitCode, done.stdout]) }).toEqual({
          label,
          codes: [
            [0, ''],
            [0, ''],
            [0, ''],
          ],
        });
        worlds.removeAll();
      }
    });

    test("errors in upstream's words; a missing vrfname is code 7 naming the key", () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      for (const [label, dir] of dirs()) {
        const noPrev = run(world, dir, 'vrf', 'ADD', vrfConfig());
        expect({ label, json: noPrev.json }).toEqual({
          label,
          json: { code: 999, msg: 'missing prevResult from earlier plugin' },
        });
        const old = run(world, dir, 'vrf', 'ADD', { ...vrfConfig(), cniVersion: '0.3.0' });
        expect(old.json).toMatchObject({ code: 1, msg: 'incompatible CNI versions' });
      }
      // CHECK without the VRF: ours fails as upstream main does; Debian's 1.1.1 passes it.
      const check = run(world, worlds.bin, 'vrf', 'CHECK', withPrev(vrfConfig(), prev));
      expect(check.json).toEqual({ code: 999, msg: 'Link not found' });
      const goCheck = run(world, GO_PLUGIN_DIR, 'vrf', 'CHECK', withPrev(vrfConfig(), prev));
      expect([goCheck.exitCode, goCheck.stdout]).toEqual([0, '']);
      const { vrfname: _, ...nameless } = vrfConfig();
      const ours = run(world, worlds.bin, 'vrf', 'ADD', withPrev(nameless, prev));
      expect(ours.json).toEqual({
        code: 7,
        msg: 'vrfname: configuration is expected to have a valid vrf name',
      });
      const go = run(world, GO_PLUGIN_DIR, 'vrf', 'ADD', withPrev(nameless, prev));
      expect(go.json).toEqual({
        code: 999,
        msg: 'configuration is expected to have a valid vrf name',
      });
    });
  },
);

describe.skipIf(skip !== null || vrfSkip === null)(
  `vrf on a kernel without VRF${vrfSkip === null ? ' (skipped: this kernel has VRF)' : ''}`,
  () => {
    test('ADD fails as Go does and leaves the container as ptp made it', () => {
      for (const [label, dir] of dirs()) {
        const world = worlds.create();
        const { added } = chain(world, dir);
        expect({ label, json: added.json }).toEqual({
          label,
          json: {
            code: 999,
            msg: 'cmdAdd failed: could not add VRF blue: operation not supported',
          },
        });
        expect(containerState(world)).toMatchObject({ blue: null, eth0Master: null });
        expect(containerState(world).routes).toContain('10.244.60.0/24 via 10.244.60.1 dev eth0');
        worlds.removeAll();
      }
    });
  },
);

describe.skipIf(vrfSkip !== null)(
  `vrf with a kernel VRF, against Go${vrfSkip === null ? '' : ` (skipped: ${vrfSkip})`}`,
  () => {
    test('ADD, CHECK and DEL: same result and container state as Go', () => {
      const states = [];
      for (const [label, dir] of dirs()) {
        const world = worlds.create();
        const { prev, config, added } = chain(world, dir, { table: 42 });
        expect({ label, code: added.exitCode }).toEqual({ label, code: 0 });
        expect(added.json).toEqual(prev as object);
        const { routes, ...state } = containerState(world);
        expect(state.eth0Master).toBe('blue');
        // Debian's 1.1.1 carries no routes into the VRF's table; ours does (upstream main's way).
        if (label === 'ours') expect(routes).toContain('table 42');
        states.push(state);
        expect(run(world, dir, 'vrf', 'CHECK', config).exitCode).toBe(0);
        for (let i = 0; i < 2; i++) expect(run(world, dir, 'vrf', 'DEL', config).exitCode).toBe(0);
        expect(containerState(world)).toMatchObject({ eth0Master: null, blue: null });
        worlds.removeAll();
      }
      expect(states[0]).toEqual(states[1]);
    });
  },
);
