import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  attach,
  attachWithFirewall,
  filterTables,
  firewallConfig,
  NET_A,
  NET_B,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** The same attachments, ours and Go's: two containers on A, one on B, `extra` for all. */
function scenario(world: PluginWorld, dir: string, extra: object) {
  return [
    attachWithFirewall(world, 0, dir, NET_A, extra),
    attachWithFirewall(world, 1, dir, NET_A, extra),
    attachWithFirewall(world, 2, dir, NET_B, extra),
  ];
}

/** A result with what differs between twin worlds (MACs, veth names, netns paths) masked. */
function masked(stdout: string, world: PluginWorld): string {
  let text = stdout
    .replace(/veth[0-9a-f]{8}/g, 'VETH')
    .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');
  for (const ns of world.containers) text = text.replaceAll(ns.path, 'NETNS');
  return text;
}

describe.skipIf(skip !== null)(
  `firewall against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('open, same-bridge and an admin chain: same results and same filter tables as Go', () => {
      for (const extra of [
        {},
        { ingressPolicy: 'open' },
        { ingressPolicy: 'same-bridge' },
        { ingressPolicy: 'same-bridge', iptablesAdminChainName: 'MY-ADMIN' },
      ]) {
        const ours = worlds.create(3);
        const go = worlds.create(3);
        const o = scenario(ours, worlds.bin, extra);
        const g = scenario(go, GO_PLUGIN_DIR, extra);
        for (const [i, added] of o.entries()) {
          expect({ extra, i, code: added.added.exitCode, err: added.added.stderr }).toEqual({
            extra,
            i,
            code: 0,
            err: '',
          });
          expect(masked(added.added.stdout, ours)).toBe(masked(g[i]?.added.stdout ?? '', go));
        }
        expect(filterTables(ours.host)).toEqual(filterTables(go.host));
        worlds.removeAll();
      }
    });

    test('§6.7 rules for same-bridge, and DEL leaves what Go leaves; twice is fine', () => {
      const ours = worlds.create(1);
      const go = worlds.create(1);
      const extra = { ingressPolicy: 'same-bridge' };
      const o = attachWithFirewall(ours, 0, worlds.bin, NET_A, extra);
      const g = attachWithFirewall(go, 0, GO_PLUGIN_DIR, NET_A, extra);
      const [v4] = filterTables(ours.host);
      const c = 'CNI firewall plugin rules (ingressPolicy: same-bridge)';
      expect(v4.filter((line) => line.startsWith('-A'))).toEqual([
        `-A FORWARD -m comment --comment "${c}" -j CNI-ISOLATION-STAGE-1`,
        '-A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD',
        '-A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN',
        '-A CNI-FORWARD -d 10.244.70.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A CNI-FORWARD -s 10.244.70.2/32 -j ACCEPT',
        `-A CNI-ISOLATION-STAGE-1 -i cnifw-a ! -o cnifw-a -m comment --comment "${c}" -j CNI-ISOLATION-STAGE-2`,
        `-A CNI-ISOLATION-STAGE-1 -m comment --comment "${c}" -j RETURN`,
        `-A CNI-ISOLATION-STAGE-2 -o cnifw-a -m comment --comment "${c}" -j DROP`,
        `-A CNI-ISOLATION-STAGE-2 -m comment --comment "${c}" -j RETURN`,
      ]);
      for (const [world, dir, added] of [
        [ours, worlds.bin, o],
        [go, GO_PLUGIN_DIR, g],
      ] as const) {
        const check = run(world, 0, dir, 'firewall', 'CHECK', added.config);
        expect(check.exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          expect(run(world, 0, dir, 'firewall', 'DEL', added.config).exitCode).toBe(0);
        }
      }
      expect(filterTables(ours.host)).toEqual(filterTables(go.host));
      expect(filterTables(ours.host)[0].join('\n')).not.toContain('10.244.70.2');
      // CHECK after DEL: the rule is missing, in Go's words.
      const gone = run(ours, 0, worlds.bin, 'firewall', 'CHECK', o.config);
      expect(gone.json).toEqual({
        code: 999,
        msg: 'expected rule [-d 10.244.70.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT] not found',
      });
    });

    test('CHECK passes on either plugin rules and names the missing FORWARD jump as Go', () => {
      for (const adder of [worlds.bin, GO_PLUGIN_DIR]) {
        const world = worlds.create(1);
        const { config } = attachWithFirewall(world, 0, adder, NET_A);
        for (const checker of [worlds.bin, GO_PLUGIN_DIR]) {
          expect(run(world, 0, checker, 'firewall', 'CHECK', config).exitCode).toBe(0);
        }
        world.host.exec(['iptables', '-D', 'FORWARD', '1']);
        const msgs = [worlds.bin, GO_PLUGIN_DIR].map(
          (checker) => run(world, 0, checker, 'firewall', 'CHECK', config).json,
        );
        expect(msgs[0]).toEqual(msgs[1]);
        expect(msgs[0]).toEqual({
          code: 999,
          msg: 'expected FORWARD rule [-m comment --comment CNI firewall plugin rules -j CNI-FORWARD] not found',
        });
        worlds.removeAll();
      }
    });

    test('DEL without prevResult and without netns removes the rules (Go leaves them)', () => {
      const world = worlds.create(2);
      attachWithFirewall(world, 0, worlds.bin, NET_A);
      attachWithFirewall(world, 1, worlds.bin, NET_A);
      const bare = firewallConfig(world, NET_A);
      expect(run(world, 0, worlds.bin, 'firewall', 'DEL', bare, { netns: '' }).exitCode).toBe(0);
      const v4 = filterTables(world.host)[0].join('\n');
      expect(v4).not.toContain('10.244.70.2/32');
      expect(v4).toContain('10.244.70.3/32');
      expect(run(world, 0, worlds.bin, 'firewall', 'DEL', bare, { netns: '' }).exitCode).toBe(0);
    });

    test('GC removes the rules of attachments no longer valid, and only those', () => {
      const world = worlds.create(2);
      attachWithFirewall(world, 0, worlds.bin, NET_A);
      attachWithFirewall(world, 1, worlds.bin, NET_A);
      const gc = {
        ...firewallConfig(world, NET_A),
        cniVersion: '1.1.0',
        'cni.dev/valid-attachments': [{ containerID: 'cid-fw1', ifname: 'eth0' }],
      };
      const ran = run(world, 0, worlds.bin, 'firewall', 'GC', gc, { netns: '' });
      expect([ran.exitCode, ran.stdout]).toEqual([0, '']);
      const v4 = filterTables(world.host)[0].join('\n');
      expect(v4).not.toContain('10.244.70.2/32');
      expect(v4).toContain('10.244.70.3/32');
    });

    test('dual stack: both families, one batch each; ours equals Go', () => {
      const dual = (world: PluginWorld, dir: string) => {
        const config = {
          cniVersion: '1.0.0',
          name: NET_B.name,
          type: 'bridge',
          bridge: NET_B.bridge,
          isGateway: true,
          ipam: {
            type: 'host-local',
            dataDir: world.dataDir,
            ranges: [[{ subnet: NET_B.subnet }], [{ subnet: 'fd00:fa::/64' }]],
          },
        };
        const prev = run(world, 0, dir, 'bridge', 'ADD', config).json;
        const fw = withPrev(firewallConfig(world, NET_B, { ingressPolicy: 'same-bridge' }), prev);
        return run(world, 0, dir, 'firewall', 'ADD', fw);
      };
      const ours = worlds.create(1);
      const go = worlds.create(1);
      expect(dual(ours, worlds.bin).exitCode).toBe(0);
      expect(dual(go, GO_PLUGIN_DIR).exitCode).toBe(0);
      expect(filterTables(ours.host)).toEqual(filterTables(go.host));
      expect(filterTables(ours.host)[1].join('\n')).toContain('-s fd00:fa::2/128 -j ACCEPT');
      void attach;
    });
  },
);
