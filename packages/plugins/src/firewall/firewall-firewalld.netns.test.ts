import { afterEach, describe, expect, test } from 'bun:test';
import {
  type PrivateFirewalld,
  privateFirewalldSkipReason,
  startPrivateFirewalld,
  useTimeLimit,
} from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, filterTables, firewallConfig, NET_A, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const skip = worlds.skip ?? privateFirewalldSkipReason();
const started: PrivateFirewalld[] = [];

afterEach(async () => {
  for (const fw of started.splice(0)) await fw.stop();
});

/** A world's host with a private bus and firewalld; the env the plugin runs with. */
async function withFirewalld(world: PluginWorld): Promise<Record<string, string>> {
  const fw = await startPrivateFirewalld(world.host);
  started.push(fw);
  return { DBUS_SYSTEM_BUS_ADDRESS: fw.address };
}

/** The zone's sources, through dbus-send on the world's private bus. */
function sources(env: Record<string, string>, zone: string): string[] {
  const out = Bun.spawnSync(
    [
      'dbus-send',
      '--system',
      '--print-reply',
      '--dest=org.fedoraproject.FirewallD1',
      '/org/fedoraproject/FirewallD1',
      'org.fedoraproject.FirewallD1.zone.getSources',
      `string:${zone}`,
    ],
    { env: { ...process.env, ...env } },
  ).stdout.toString();
  return [...out.matchAll(/string "([^"]*)"/g)].map((match) => match[1] ?? '');
}

/** firewall's config without a backend key (so the default is chosen, as upstream). */
function defaultBackend(world: PluginWorld, extra: object = {}) {
  const { backend: _backend, ...config } = firewallConfig(world, NET_A, extra);
  return config;
}

describe.skipIf(skip !== null)(
  `firewall firewalld backend, a private bus and firewalld${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('default backend with firewalld on the bus: the zone sources as Go binds them', async () => {
      const results: { sources: string[][]; filter: string[][] }[] = [];
      for (const dir of [worlds.bin, GO_PLUGIN_DIR]) {
        const world = worlds.create(1);
        const env = await withFirewalld(world);
        const prev = attach(world, 0, worlds.bin, NET_A);
        const config = withPrev(defaultBackend(world, { ingressPolicy: 'same-bridge' }), prev);
        const before = sources(env, 'trusted');
        const added = run(world, 0, dir, 'firewall', 'ADD', config, { env });
        expect({ dir, code: added.exitCode, err: added.stderr }).toEqual({ dir, code: 0, err: '' });
        expect(added.json).toEqual(prev);
        const after = sources(env, 'trusted');
        expect(run(world, 0, dir, 'firewall', 'CHECK', config, { env }).exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          expect(run(world, 0, dir, 'firewall', 'DEL', config, { env }).exitCode).toBe(0);
        }
        results.push({
          sources: [before, after, sources(env, 'trusted')],
          filter: filterTables(world.host),
        });
        worlds.removeAll();
        for (const fw of started.splice(0)) await fw.stop();
      }
      const [ours, go] = results;
      expect(ours?.sources).toEqual([[], ['10.244.70.2/32'], []]);
      expect(ours).toEqual(go);
      // The ingress policy is in iptables; the addresses are firewalld's: no CNI-FORWARD.
      const v4 = ours?.filter[0]?.join('\n') ?? '';
      expect(v4).toContain('-i cnifw-a ! -o cnifw-a');
      expect(v4).not.toContain('CNI-FORWARD');
    });

    test('firewalldZone, CHECK after DEL, DEL without prevResult, GC', async () => {
      const world = worlds.create(2);
      const env = await withFirewalld(world);
      const zone = { backend: 'firewalld', firewalldZone: 'internal' };
      const configs = [0, 1].map((n) =>
        withPrev(firewallConfig(world, NET_A, zone), attach(world, n, worlds.bin, NET_A)),
      );
      for (const [n, config] of configs.entries()) {
        expect(run(world, n, worlds.bin, 'firewall', 'ADD', config, { env }).exitCode).toBe(0);
      }
      expect(sources(env, 'internal')).toEqual(['10.244.70.2/32', '10.244.70.3/32']);
      expect(sources(env, 'trusted')).toEqual([]);
      const bare = firewallConfig(world, NET_A, zone);
      expect(run(world, 0, worlds.bin, 'firewall', 'DEL', bare, { env, netns: '' }).exitCode).toBe(
        0,
      );
      expect(sources(env, 'internal')).toEqual(['10.244.70.3/32']);
      const check = run(world, 0, worlds.bin, 'firewall', 'CHECK', configs[0] ?? {}, { env });
      expect(check.json).toEqual({
        code: 999,
        msg: 'source "10.244.70.2/32" is not in zone "internal"',
      });
      const gc = { ...bare, cniVersion: '1.1.0', 'cni.dev/valid-attachments': [] };
      expect(run(world, 0, worlds.bin, 'firewall', 'GC', gc, { env, netns: '' }).exitCode).toBe(0);
      expect(sources(env, 'internal')).toEqual([]);
    });

    test('backend firewalld with no bus: ADD and DEL fail with code 999, nothing made', () => {
      const world = worlds.create(1);
      const env = { DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${world.dir}/no-bus` };
      const prev = attach(world, 0, worlds.bin, NET_A);
      const config = withPrev(
        firewallConfig(world, NET_A, { backend: 'firewalld', ingressPolicy: 'same-bridge' }),
        prev,
      );
      for (const command of ['ADD', 'DEL'] as const) {
        const ran = run(world, 0, worlds.bin, 'firewall', command, config, { env });
        expect(ran.exitCode).toBe(1);
        expect(ran.json).toMatchObject({ code: 999, msg: expect.stringContaining('no-bus') });
      }
      expect(
        filterTables(world.host)
          .flat()
          .filter((line) => line.includes('CNI')),
      ).toEqual([]);
    });
  },
);
