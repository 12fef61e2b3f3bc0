import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { ip, linkNamed, reservedAddresses } from '../../test/_kernel-state.ts';
import { kindSkipReason } from '../../test/_kind-probe.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import {
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
  withPrev,
} from '../../test/_world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;
const dummySkip = skip ?? kindSkipReason('dummy');

function config(dataDir: string, extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'dm-net',
    type: 'dummy',
    mtu: 1400,
    ipam: {
      type: 'host-local',
      dataDir,
      subnet: '192.168.81.0/24',
      routes: [{ dst: '192.168.82.0/24' }],
    },
    ...extra,
  };
}

function run(
  world: PluginWorld,
  command: RunPluginOptions['command'],
  conf: object,
  more: Partial<RunPluginOptions> = {},
): PluginRun {
  return runPlugin({
    binDir: worlds.bin,
    type: 'dummy',
    command,
    config: conf,
    host: world.host,
    netns: world.containers[0]?.path ?? '',
    containerId: 'cid-dummy',
    ...more,
  });
}

function names(world: PluginWorld): string[] {
  const ns = world.containers[0];
  if (ns === undefined) throw new Error('no container');
  return ip(ns, '-o', 'link', 'show').map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1] ?? line);
}

describe.skipIf(skip !== null)(
  `dummy on any kernel${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('no IPAM type: upstream text, nothing made', () => {
      const world = worlds.create();
      for (const ipam of [{}, undefined]) {
        const added = run(world, 'ADD', { ...config(world.dataDir), ipam });
        expect(added.exitCode).toBe(1);
        expect(added.json).toMatchObject({
          code: 999,
          msg: 'dummy interface requires an IPAM configuration',
        });
      }
      expect(names(world)).toEqual(['lo']);
    });

    test('DEL with the netns or the link gone succeeds, twice', () => {
      const world = worlds.create();
      for (const netns of [world.containers[0]?.path ?? '', `${world.dir}/gone`, '']) {
        for (let i = 0; i < 2; i++) {
          const del = run(world, 'DEL', config(world.dataDir), { netns });
          expect(del.stdout).toBe('');
          expect(del.exitCode).toBe(0);
        }
      }
    });
  },
);

describe.skipIf(skip !== null || dummySkip === null)(
  `dummy on a kernel without dummy links${dummySkip === null ? ' (skipped: this kernel has them)' : ''}`,
  () => {
    test('ADD fails with the kernel refusal and leaves no link and no reservation', () => {
      const world = worlds.create();
      const added = run(world, 'ADD', config(world.dataDir));
      expect(added.exitCode).toBe(1);
      expect(added.json).toMatchObject({
        code: 999,
        msg: 'failed to create dummy: operation not supported',
      });
      expect(names(world)).toEqual(['lo']);
      expect(reservedAddresses(world.dataDir, 'dm-net')).toEqual([]);
    });
  },
);

describe.skipIf(dummySkip !== null)(
  `dummy with kernel dummy links${dummySkip === null ? '' : ` (skipped: ${dummySkip})`}`,
  () => {
    test('ADD: a dummy named CNI_IFNAME, up, with the address and routes; CHECK; DEL twice', () => {
      const world = worlds.create();
      const conf = config(world.dataDir);
      const added = run(world, 'ADD', conf);
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(added.json).toMatchObject({
        interfaces: [{ name: 'eth0', sandbox: world.containers[0]?.path }],
        ips: [{ interface: 0, address: '192.168.81.2/24' }],
        routes: [{ dst: '192.168.82.0/24' }],
      });
      const ns = world.containers[0];
      if (ns === undefined) throw new Error('no container');
      const link = linkNamed(ns, 'eth0');
      expect(link?.linkinfo?.info_kind).toBe('dummy');
      expect(link?.mtu).toBe(1400);
      expect(link?.flags).toContain('UP');
      expect(ip(ns, '-4', 'route', 'show')).toContain('192.168.82.0/24 via 192.168.81.1 dev eth0');
      expect(run(world, 'CHECK', withPrev(conf, added.json)).exitCode).toBe(0);
      for (let i = 0; i < 2; i++)
        expect(run(world, 'DEL', withPrev(conf, added.json)).exitCode).toBe(0);
      expect(names(world)).toEqual(['lo']);
      expect(reservedAddresses(world.dataDir, 'dm-net')).toEqual([]);
    });

    test('a failed ADD (route through an unknown gateway) takes back the link and the address', () => {
      const world = worlds.create();
      const conf = config(world.dataDir, {
        ipam: {
          type: 'host-local',
          dataDir: world.dataDir,
          subnet: '192.168.81.0/24',
          routes: [{ dst: '10.99.0.0/16', gw: '10.98.0.1' }],
        },
      });
      expect(run(world, 'ADD', conf).exitCode).toBe(1);
      expect(names(world)).toEqual(['lo']);
      expect(reservedAddresses(world.dataDir, 'dm-net')).toEqual([]);
    });
  },
);
