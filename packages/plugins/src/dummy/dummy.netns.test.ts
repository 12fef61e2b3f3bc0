import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { ip, linkNamed } from '../../test/_kernel-state.ts';
import { kindSkipReason } from '../../test/_kind-probe.ts';
import {
  expectAddRefused,
  expectDelWithNothingThere,
  expectNothingLeft,
  testAddUndoneOnBadRoute,
  useLinkPluginWorlds,
} from '../../test/_link-plugin-world.ts';
import { withPrev } from '../../test/_world.ts';

useTimeLimit('netns');

const tests = useLinkPluginWorlds({ type: 'dummy', containerId: () => 'cid-dummy' });
const { skip, run, names } = tests;
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

const subject = {
  kind: 'dummy',
  kindSkip: dummySkip,
  network: 'dm-net',
  subnet: '192.168.81.0/24',
  config,
};

describe.skipIf(skip !== null)(
  `dummy on any kernel${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('no IPAM type: upstream text, nothing made', () => {
      const world = tests.create();
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
      const world = tests.create();
      expectDelWithNothingThere(tests, world, config(world.dataDir));
    });
  },
);

describe.skipIf(skip !== null || dummySkip === null)(
  `dummy on a kernel without dummy links${dummySkip === null ? ' (skipped: this kernel has them)' : ''}`,
  () => {
    test('ADD fails with the kernel refusal and leaves no link and no reservation', () => {
      const world = tests.create();
      const msg = 'failed to create dummy: operation not supported';
      expectAddRefused(tests, world, { config: config(world.dataDir), network: 'dm-net', msg });
    });
  },
);

describe.skipIf(dummySkip !== null)(
  `dummy with kernel dummy links${dummySkip === null ? '' : ` (skipped: ${dummySkip})`}`,
  () => {
    test('ADD: a dummy named CNI_IFNAME, up, with the address and routes; CHECK; DEL twice', () => {
      const world = tests.create();
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
      expectNothingLeft(tests, world, 'dm-net');
    });

    testAddUndoneOnBadRoute(tests, subject);
  },
);
