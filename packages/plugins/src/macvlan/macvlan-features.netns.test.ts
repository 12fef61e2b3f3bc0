import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed, reservedAddresses } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  addMaster,
  containerState,
  hostLocalConfig,
  linkNames,
  MASTER,
  ping,
  run,
  staticConfig,
} from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function container(world: PluginWorld, n = 0) {
  const ns = world.containers[n];
  if (ns === undefined) throw new Error(`no container ${n}`);
  return ns;
}

function addressOf(json: unknown): string {
  const ips = (json as { ips?: { address: string }[] }).ips ?? [];
  return (ips[0]?.address ?? '').split('/')[0] ?? '';
}

describe.skipIf(skip !== null)(
  `macvlan in namespaces${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('traffic: two containers on one master reach each other in bridge mode, not in private', () => {
      for (const [mode, reach] of [
        ['bridge', true],
        ['private', false],
      ] as const) {
        const world = worlds.create(2);
        addMaster(world);
        const config = hostLocalConfig(world.dataDir, { mode });
        const a = run(world, worlds.bin, 'ADD', config, { container: 0 });
        const b = run(world, worlds.bin, 'ADD', config, { container: 1 });
        expect(a.exitCode).toBe(0);
        expect(b.exitCode).toBe(0);
        expect(ping(container(world, 0), addressOf(b.json), reach ? 3 : 2)).toBe(reach);
        expect(ping(container(world, 1), addressOf(a.json), reach ? 3 : 2)).toBe(reach);
        worlds.removeAll();
      }
    });

    test('MAC precedence: config < CNI_ARGS MAC < runtimeConfig.mac', () => {
      const cases = [
        { config: { mac: '02:00:00:00:00:01' }, args: undefined, want: '02:00:00:00:00:01' },
        {
          config: { mac: '02:00:00:00:00:01' },
          args: 'MAC=02:00:00:00:00:02',
          want: '02:00:00:00:00:02',
        },
        {
          config: { mac: '02:00:00:00:00:01', runtimeConfig: { mac: '02-00-00-00-00-03' } },
          args: 'MAC=02:00:00:00:00:02',
          want: '02:00:00:00:00:03',
        },
      ];
      for (const { config, args, want } of cases) {
        const world = worlds.create();
        addMaster(world);
        const added = run(
          world,
          worlds.bin,
          'ADD',
          { ...staticConfig(), ipam: {}, ...config },
          {
            ...(args === undefined ? {} : { args }),
          },
        );
        expect(added.exitCode).toBe(0);
        expect(added.json).toMatchObject({ interfaces: [{ mac: want }] });
        expect(linkNamed(container(world), 'eth0')?.address).toBe(want);
        worlds.removeAll();
      }
    });

    test('bcqueuelen and source mode (newer than Debian 1.1.1) reach the kernel', () => {
      const world = worlds.create();
      addMaster(world);
      const added = run(world, worlds.bin, 'ADD', {
        ...staticConfig(),
        mode: 'source',
        bcqueuelen: 100,
        ipam: {},
      });
      expect(added.exitCode).toBe(0);
      expect(containerState(container(world))).toMatchObject({
        mode: 'source',
        bcqueuelen: 100,
      });
    });

    test('linkInContainer: the master is looked up and the link made in the container', () => {
      const world = worlds.create();
      const ns = container(world);
      ns.exec(['ip', 'link', 'add', 'cm0', 'type', 'veth', 'peer', 'name', 'cm1']);
      ns.exec(['ip', 'link', 'set', 'cm0', 'up']);
      ns.exec(['ip', 'link', 'set', 'cm1', 'up']);
      const config = { ...staticConfig(), master: 'cm0', linkInContainer: true };
      const added = run(world, worlds.bin, 'ADD', config);
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(containerState(ns)).toMatchObject({ kind: 'macvlan', mtu: 1400 });
      expect(ns.exec(['ip', '-o', 'link', 'show', 'eth0'])).toContain('eth0@cm0');
      const check = run(world, worlds.bin, 'CHECK', withPrev(config, added.json));
      expect(check.exitCode).toBe(0);
      // Without linkInContainer the same master is not found: it is in the wrong namespace.
      const wrong = run(
        world,
        worlds.bin,
        'ADD',
        { ...config, linkInContainer: false },
        {
          ifName: 'net1',
        },
      );
      expect(wrong.json).toMatchObject({
        code: 999,
        msg: 'failed to lookup master "cm0": Link not found',
      });
      expect(linkNames(ns).sort()).toEqual(['cm0', 'cm1', 'eth0', 'lo']);
    });

    test('CHECK sees a changed mode or MAC', () => {
      const world = worlds.create();
      addMaster(world);
      const config = staticConfig();
      const added = run(world, worlds.bin, 'ADD', config);
      expect(added.exitCode).toBe(0);
      const otherMode = run(
        world,
        worlds.bin,
        'CHECK',
        withPrev({ ...config, mode: 'vepa' }, added.json),
      );
      expect(otherMode.json).toMatchObject({
        code: 999,
        msg: 'Container macvlan mode bridge does not match expected value: vepa',
      });
      container(world).exec(['ip', 'link', 'set', 'eth0', 'address', '02:00:00:00:00:09']);
      const otherMac = run(world, worlds.bin, 'CHECK', withPrev(config, added.json));
      expect(otherMac.json).toMatchObject({
        code: 999,
        msg: expect.stringContaining("doesn't match container Mac: 02:00:00:00:00:09"),
      });
    });

    test('DEL succeeds and releases the address with the netns, the link or the master gone', () => {
      for (const gone of ['netns', 'link', 'master'] as const) {
        const world = worlds.create();
        addMaster(world);
        const config = hostLocalConfig(world.dataDir);
        const added = run(world, worlds.bin, 'ADD', config);
        expect(added.exitCode).toBe(0);
        expect(reservedAddresses(world.dataDir, 'mv-net')).toHaveLength(1);
        let netns = container(world).path;
        if (gone === 'netns') netns = `${world.dir}/gone-netns`;
        if (gone === 'link') container(world).exec(['ip', 'link', 'del', 'eth0']);
        if (gone === 'master') world.host.exec(['ip', 'link', 'del', MASTER]);
        for (let i = 0; i < 2; i++) {
          const del = run(world, worlds.bin, 'DEL', withPrev(config, added.json), { netns });
          expect(del.stderr).toBe('');
          expect(del.exitCode).toBe(0);
        }
        expect(reservedAddresses(world.dataDir, 'mv-net')).toEqual([]);
        if (gone === 'netns') {
          // The real netns still holds the link: a later DEL with the right path removes it.
          expect(run(world, worlds.bin, 'DEL', config).exitCode).toBe(0);
        }
        expect(linkNames(container(world))).toEqual(['lo']);
        worlds.removeAll();
      }
    });

    test('a failed ADD takes back the link and the IPAM reservation', () => {
      const world = worlds.create();
      addMaster(world);
      // The route's gateway is not on the link: applying it fails after IPAM allocated.
      const config = hostLocalConfig(world.dataDir, {
        ipam: {
          type: 'host-local',
          dataDir: world.dataDir,
          subnet: '192.168.77.0/24',
          routes: [{ dst: '10.99.0.0/16', gw: '10.98.0.1' }],
        },
      });
      const failed = run(world, worlds.bin, 'ADD', config);
      expect(failed.exitCode).toBe(1);
      expect(failed.json).toMatchObject({ code: 999 });
      expect(linkNames(container(world))).toEqual(['lo']);
      expect(reservedAddresses(world.dataDir, 'mv-net')).toEqual([]);
      // An IPAM plugin that is not there: the link made before it is deleted.
      const noIpam = run(world, worlds.bin, 'ADD', { ...staticConfig(), ipam: { type: 'nope' } });
      expect(noIpam.exitCode).toBe(1);
      expect(linkNames(container(world))).toEqual(['lo']);
    });

    test('CNI_IFNAME taken in the container: a clear error and no temporary link left', () => {
      const world = worlds.create();
      addMaster(world);
      const ns = container(world);
      ns.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'x1']);
      const added = run(world, worlds.bin, 'ADD', { ...staticConfig(), ipam: {} });
      expect(added.json).toMatchObject({
        code: 999,
        msg: 'failed to rename macvlan to "eth0": file exists',
      });
      expect(linkNames(ns).sort()).toEqual(['eth0', 'lo', 'x1']);
      expect(linkNames(world.host).sort()).toEqual(['lo', 'm0', 'm1']);
    });

    test('STATUS and GC (1.1.0) go to the IPAM plugin', () => {
      const world = worlds.create();
      addMaster(world);
      const config = hostLocalConfig(world.dataDir, { cniVersion: '1.1.0' });
      expect(run(world, worlds.bin, 'ADD', config).exitCode).toBe(0);
      expect(run(world, worlds.bin, 'STATUS', config).exitCode).toBe(0);
      const gc = run(world, worlds.bin, 'GC', { ...config, 'cni.dev/valid-attachments': [] });
      expect(gc.stderr).toBe('');
      expect(gc.exitCode).toBe(0);
      expect(reservedAddresses(world.dataDir, 'mv-net')).toEqual([]);
    });
  },
);
