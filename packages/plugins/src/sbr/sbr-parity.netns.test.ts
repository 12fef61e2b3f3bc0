// sbr against Debian's Go sbr (1.1.1) in twin worlds: each world runs the chain
// ptp + host-local → sbr with its own plugins, and the results, the rules and the routes
// of every table must be the same. DEL removes the rules in both; ours also empties the
// tables it filled (Go leaves their routes until the interface goes).
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld } from '../../test/_world.ts';
import { attach, linkLocalRouted, routes, rules, run, sbrConfig } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function masked(text: string, world: PluginWorld): string {
  return text
    .replace(/veth[0-9a-f]{8}/g, 'VETH')
    .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC')
    .replaceAll(containerOf(world).path, 'NETNS');
}

interface Twin {
  readonly world: PluginWorld;
  readonly dir: string;
  readonly prev: unknown;
}

function twins(options: { cniVersion?: string; v6?: boolean } = {}): Twin[] {
  return [worlds.bin, GO_PLUGIN_DIR].map((dir) => {
    const world = worlds.create();
    return { world, dir, prev: attach(world, dir, options) };
  });
}

describe.skipIf(skip !== null)(
  `sbr against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('dual stack: same result, rules and routes of every table as Go', () => {
      const seen = twins().map(({ world, dir, prev }) => {
        const added = run(world, dir, 'sbr', 'ADD', sbrConfig({}, prev));
        expect(added.exitCode).toBe(0);
        const container = containerOf(world);
        return {
          result: masked(added.stdout, world),
          prev: masked(JSON.stringify(prev), world),
          rules: rules(container),
          routes: routes(container),
        };
      });
      const [ours, go] = seen;
      expect(ours).toEqual(go);
      // The result is the previous result, passed on.
      expect(JSON.stringify(JSON.parse(ours?.result ?? ''))).toBe(ours?.prev ?? '');
      expect(ours?.rules).toEqual([
        '0:\tfrom all lookup local',
        '32765:\tfrom 10.244.54.2 lookup 100',
        '32766:\tfrom all lookup main',
        '32767:\tfrom all lookup default',
        '0:\tfrom all lookup local',
        '32765:\tfrom fd00:54::2 lookup 101',
        '32766:\tfrom all lookup main',
      ]);
      expect(ours?.routes).toEqual([
        'default via 10.244.54.1 dev eth0 table 100',
        '10.244.54.0/24 via 10.244.54.1 dev eth0 table 100 src 10.244.54.2',
        '10.244.54.1 dev eth0 table 100 scope link src 10.244.54.2',
        'fe80::/64 dev eth0 table 100 proto kernel metric 256 pref medium',
        'fd00:54::1 dev eth0 table 101 src fd00:54::2 metric 1024 pref medium',
        'fd00:54::/64 via fd00:54::1 dev eth0 table 101 src fd00:54::2 metric 1024 pref medium',
        'fe80::/64 dev eth0 table 101 proto kernel metric 256 pref medium',
        'default via fd00:54::1 dev eth0 table 101 metric 1024 pref medium',
      ]);
    });

    test('a second interface gets the next free tables, as Go', () => {
      const seen = twins({ v6: false }).map(({ world, dir, prev }) => {
        expect(run(world, dir, 'sbr', 'ADD', sbrConfig({}, prev)).exitCode).toBe(0);
        const second = run(
          world,
          dir,
          'ptp',
          'ADD',
          {
            cniVersion: '1.0.0',
            name: 'sbr-net2',
            type: 'ptp',
            ipam: { type: 'host-local', dataDir: world.dataDir, subnet: '10.244.55.0/24' },
          },
          { ifName: 'net1' },
        );
        expect(second.exitCode).toBe(0);
        linkLocalRouted(world, 'net1');
        const added = run(world, dir, 'sbr', 'ADD', sbrConfig({}, second.json), { ifName: 'net1' });
        expect(added.exitCode).toBe(0);
        return { rules: rules(containerOf(world)), routes: routes(containerOf(world)) };
      });
      expect(seen[0]).toEqual(seen[1]);
      expect(seen[0]?.rules).toContain('32764:\tfrom 10.244.55.2 lookup 101');
    });

    test('older cniVersions pass the result through in the same shape as Go', () => {
      for (const cniVersion of ['0.3.1', '0.4.0']) {
        const [ours, go] = twins({ cniVersion, v6: false }).map(({ world, dir, prev }) => {
          const added = run(world, dir, 'sbr', 'ADD', sbrConfig({}, prev, cniVersion));
          expect(added.exitCode).toBe(0);
          return masked(added.stdout, world);
        });
        expect(ours).toBe(go ?? '');
        expect(ours).toContain(`"cniVersion": "${cniVersion}"`);
        worlds.removeAll();
      }
    });

    test('DEL removes the rules in both, twice; ours also empties its tables', () => {
      for (const { world, dir, prev } of twins()) {
        const container = containerOf(world);
        const config = sbrConfig({}, prev);
        expect(run(world, dir, 'sbr', 'ADD', config).exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'sbr', 'DEL', config);
          expect([del.exitCode, del.stdout]).toEqual([0, '']);
        }
        expect(rules(container).filter((rule) => rule.includes('lookup 10'))).toEqual([]);
        const left = routes(container).filter((route) => / table 10[01] /.test(route));
        if (dir === GO_PLUGIN_DIR) expect(left).not.toEqual([]);
        else expect(left).toEqual([]);
      }
    });
  },
);
