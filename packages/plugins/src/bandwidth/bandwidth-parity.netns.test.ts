import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  attach,
  bandwidthConfig,
  IFB,
  ifbSummary,
  LIMITS,
  qdiscs,
  redirectFilters,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

interface ResultShape {
  interfaces?: { name: string; mac?: string; sandbox?: string }[];
}

/** The result with veth names, MACs and the netns path replaced by what they look like. */
function masked(json: unknown, netns: string): unknown {
  const result = structuredClone(json) as ResultShape;
  return {
    ...result,
    interfaces: (result.interfaces ?? []).map((intf) => ({
      ...intf,
      name: /^veth[0-9a-f]{8}$/.test(intf.name) ? 'VETH' : intf.name,
      ...(intf.mac === undefined ? {} : { mac: /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(intf.mac) }),
      ...(intf.sandbox === undefined ? {} : { sandbox: intf.sandbox === netns }),
    })),
  };
}

/** The container's qdiscs (without lo). */
function containerQdiscs(world: PluginWorld): string[] {
  const container = world.containers[0];
  if (container === undefined) throw new Error('no container');
  return qdiscs(container, false);
}

/** ADD of ptp + bandwidth in a world with the plugins of `dir`; returns both results. */
function chain(world: PluginWorld, dir: string, limits: Record<string, unknown> = LIMITS) {
  const version = typeof limits.cniVersion === 'string' ? limits.cniVersion : undefined;
  const prev = attach(world, dir, version);
  const config = bandwidthConfig(limits);
  const added = run(world, dir, 'bandwidth', 'ADD', withPrev(config, prev));
  return { prev, config, added };
}

describe.skipIf(skip !== null)(
  `bandwidth against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('§6.7 limits: same result, qdiscs, filter and ifb as Go', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const o = chain(ours, worlds.bin);
      const g = chain(go, GO_PLUGIN_DIR);
      expect(o.added.stderr).toBe('');
      expect(o.added.exitCode).toBe(0);
      expect(g.added.exitCode).toBe(0);

      const oursNs = ours.containers[0]?.path ?? '';
      const goNs = go.containers[0]?.path ?? '';
      expect(masked(o.added.json, oursNs)).toEqual(masked(g.added.json, goNs));
      expect(o.added.json).toMatchObject({
        interfaces: [{}, { name: 'eth0' }, { name: IFB, mac: expect.any(String) }],
      });
      // Byte for byte once names, MACs and paths are masked (Go's key order and indent).
      const mask = (text: string, ns: string) =>
        text
          .replace(/veth[0-9a-f]{8}/g, 'VETH')
          .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC')
          .replaceAll(ns, 'NETNS');
      expect(mask(o.added.stdout, oursNs)).toBe(mask(g.added.stdout, goNs));

      expect(qdiscs(ours.host)).toEqual(qdiscs(go.host));
      expect(qdiscs(ours.host)).toEqual([
        'qdisc tbf 1: dev VETH root rate 8Mbit burst 125000b/1 mpu 0b lat 25ms linklayer unspec',
        'qdisc ingress ffff: dev VETH parent ffff:fff1 ----------------',
        `qdisc tbf 1: dev ${IFB} root rate 4Mbit burst 62500b/1 mpu 0b lat 25ms linklayer unspec`,
      ]);
      expect(redirectFilters(ours.host)).toEqual(redirectFilters(go.host));
      expect(redirectFilters(ours.host).join('\n')).toContain(
        `action order 2: mirred (Egress Redirect to device ${IFB}) pass`,
      );
      expect(ifbSummary(ours.host)).toEqual(ifbSummary(go.host));
      expect(ifbSummary(ours.host)).toMatchObject({ kind: 'ifb', mtu: 1500, operstate: 'UNKNOWN' });

      // Ours, not Go's: the container's sender is paced at the egress rate (README).
      expect(containerQdiscs(go)).toEqual(['qdisc noqueue 0: dev eth0 root']);
      expect(containerQdiscs(ours).join('\n')).toMatch(
        /^qdisc tbf 1: dev eth0 root rate 4Mbit burst 62500b\/1 mpu 0b lat [\d.]+s/,
      );
    });

    test('the bandwidth capability, ingress only and egress only, at 0.3.1 and 0.4.0 as Go', () => {
      const cases = [
        { runtimeConfig: { bandwidth: { egressRate: 1_000_000, egressBurst: 100_000 } } },
        { ingressRate: 2_000_000, ingressBurst: 300_000, cniVersion: '0.3.1' },
        { egressRate: 123_457, egressBurst: 99_999, cniVersion: '0.4.0' },
        { ingressRate: 0, runtimeConfig: { bandwidth: LIMITS } },
      ];
      for (const limits of cases) {
        const ours = worlds.create();
        const go = worlds.create();
        const o = chain(ours, worlds.bin, limits);
        const g = chain(go, GO_PLUGIN_DIR, limits);
        expect([o.added.exitCode, g.added.exitCode]).toEqual([0, 0]);
        expect(masked(o.added.json, ours.containers[0]?.path ?? '')).toEqual(
          masked(g.added.json, go.containers[0]?.path ?? ''),
        );
        expect(qdiscs(ours.host)).toEqual(qdiscs(go.host));
        expect(redirectFilters(ours.host)).toEqual(redirectFilters(go.host));
        expect(ifbSummary(ours.host)).toEqual(ifbSummary(go.host));
        worlds.removeAll();
      }
    });

    test("CHECK passes on either plugin's ADD, ours and Go's alike, and catches a changed rate", () => {
      for (const [adder, checkers] of [
        [worlds.bin, [worlds.bin, GO_PLUGIN_DIR]],
        [GO_PLUGIN_DIR, [worlds.bin, GO_PLUGIN_DIR]],
      ] as const) {
        const world = worlds.create();
        const { config, added } = chain(world, adder);
        expect(added.exitCode).toBe(0);
        for (const checker of checkers) {
          const check = run(world, checker, 'bandwidth', 'CHECK', withPrev(config, added.json));
          expect({ checker, adder, stdout: check.stdout, code: check.exitCode }).toEqual({
            checker,
            adder,
            stdout: '',
            code: 0,
          });
          const other = bandwidthConfig({ ...LIMITS, egressBurst: 500_008 });
          const bad = run(world, checker, 'bandwidth', 'CHECK', withPrev(other, added.json));
          expect(bad.json).toEqual({ code: 999, msg: "Limit doesn't match" });
        }
        worlds.removeAll();
      }
    });

    test('DEL removes the ifb as Go does, and ours the qdiscs too; twice is fine', () => {
      for (const dir of [worlds.bin, GO_PLUGIN_DIR]) {
        const world = worlds.create();
        const { config, added } = chain(world, dir);
        expect(added.exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'bandwidth', 'DEL', withPrev(config, added.json));
          expect({ dir, code: del.exitCode, stdout: del.stdout }).toEqual({
            dir,
            code: 0,
            stdout: '',
          });
        }
        expect(ifbSummary(world.host)).toBeUndefined();
        const left = qdiscs(world.host).filter((line) => !line.startsWith('qdisc noqueue'));
        // Go leaves its qdiscs on the host veth until the veth goes; ours takes them.
        if (dir === worlds.bin) {
          expect(left).toEqual([]);
          expect(containerQdiscs(world)).toEqual(['qdisc noqueue 0: dev eth0 root']);
        } else {
          expect(left).toHaveLength(2);
        }
      }
    });
  },
);
