import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, withPrev } from '../../test/_world.ts';
import {
  attach,
  bandwidthConfig,
  hostVeth,
  IFB,
  ifbSummary,
  LIMITS,
  qdiscs,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** Qdiscs other than the kernel's defaults. */
function madeQdiscs(lines: string[]): string[] {
  return lines.filter((line) => !line.startsWith('qdisc noqueue'));
}

describe.skipIf(skip !== null)(
  `bandwidth errors and DEL${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('bad limits: code 7 naming the key, in upstream words; nothing made', () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      const cases: [Record<string, unknown>, string][] = [
        [{ ingressRate: 1000 }, 'ingressBurst: if rate is set, burst must also be set'],
        [{ egressBurst: 1000 }, 'egressRate: if burst is set, rate must also be set'],
        [
          { egressRate: 1000, egressBurst: 8 * 0xffffffff },
          'egressBurst: burst cannot be more than 4GB',
        ],
        [
          { runtimeConfig: { bandwidth: { ingressBurst: 5 } } },
          'runtimeConfig.bandwidth.ingressRate: if burst is set, rate must also be set',
        ],
      ];
      for (const [limits, msg] of cases) {
        const added = run(
          world,
          worlds.bin,
          'bandwidth',
          'ADD',
          bandwidthConfig({ ...limits, prevResult: prev }),
        );
        expect(added.json).toEqual({ code: 7, msg });
      }
      const negative = run(
        world,
        worlds.bin,
        'bandwidth',
        'ADD',
        bandwidthConfig({ egressRate: -1, egressBurst: 10, prevResult: prev }),
      );
      expect(negative.json).toMatchObject({
        code: 7,
        msg: expect.stringMatching(/^egressRate: /),
      });
      expect(madeQdiscs(qdiscs(world.host))).toEqual([]);
      expect(ifbSummary(world.host)).toBeUndefined();
    });

    test("chaining errors in upstream's words, as Go prints them", () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      for (const dir of [worlds.bin, GO_PLUGIN_DIR]) {
        const noPrev = run(world, dir, 'bandwidth', 'ADD', bandwidthConfig(LIMITS));
        expect(noPrev.json).toEqual({ code: 999, msg: 'must be called as chained plugin' });
        const lo = run(world, dir, 'bandwidth', 'ADD', withPrev(bandwidthConfig(LIMITS), prev), {
          ifName: 'lo',
        });
        expect(lo.json).toEqual({
          code: 999,
          msg: 'container interface lo has no veth peer: interface "lo" was not a veth interface',
        });
        const old = run(world, dir, 'bandwidth', 'ADD', {
          ...bandwidthConfig(LIMITS),
          cniVersion: '0.2.0',
        });
        expect(old.json).toMatchObject({ code: 1, msg: 'incompatible CNI versions' });
        const noCheckPrev = run(world, dir, 'bandwidth', 'CHECK', bandwidthConfig(LIMITS));
        expect(noCheckPrev.json).toEqual({ code: 999, msg: 'must be called as a chained plugin' });
      }
      // No limits: prevResult passes through unchanged.
      const echo = run(
        world,
        worlds.bin,
        'bandwidth',
        'ADD',
        bandwidthConfig({ prevResult: prev }),
      );
      expect(echo.json).toEqual(prev as object);
      expect(madeQdiscs(qdiscs(world.host))).toEqual([]);
    });

    test('a failing ADD takes back what it made (the ifb name is taken)', () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      // Something else already holds the ifb's name: a veth pair in the host namespace.
      world.host.exec(['ip', 'link', 'add', IFB, 'type', 'veth', 'peer', 'name', 'cnits-x0']);
      const added = run(
        world,
        worlds.bin,
        'bandwidth',
        'ADD',
        withPrev(bandwidthConfig(LIMITS), prev),
      );
      expect(added.json).toEqual({ code: 999, msg: 'adding link: file exists' });
      // The ingress tbf made before the failure is gone again; the foreign link is untouched.
      expect(madeQdiscs(qdiscs(world.host))).toEqual([]);
      expect(world.host.exec(['ip', '-o', 'link', 'show', 'dev', IFB])).toContain(
        `${IFB}@cnits-x0`,
      );
    });

    test('DEL with the namespace gone, twice, removes the ifb; CHECK then fails', () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      const config = withPrev(bandwidthConfig(LIMITS), prev);
      const added = run(world, worlds.bin, 'bandwidth', 'ADD', config);
      expect(added.exitCode).toBe(0);
      const veth = hostVeth(world.host);
      const container = world.containers[0];
      if (container === undefined) throw new Error('no container');
      container.remove(); // the veth pair goes with it
      for (const netns of [container.path, '']) {
        for (let i = 0; i < 2; i++) {
          const del = run(world, worlds.bin, 'bandwidth', 'DEL', config, { netns });
          expect({ netns, code: del.exitCode, stdout: del.stdout }).toEqual({
            netns,
            code: 0,
            stdout: '',
          });
        }
      }
      expect(ifbSummary(world.host)).toBeUndefined();
      expect(veth).toMatch(/^veth/);
      const check = run(
        world,
        worlds.bin,
        'bandwidth',
        'CHECK',
        withPrev(bandwidthConfig(LIMITS), added.json),
        { netns: container.path },
      );
      expect(check.json).toMatchObject({
        code: 999,
        msg: expect.stringMatching(/^failed to open netns /),
      });
    });
  },
);
