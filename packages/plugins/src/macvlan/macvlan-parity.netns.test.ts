import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed, sysctl } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { addMaster, containerState, linkNames, run, staticConfig } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** Two worlds with a master each: ours and Go's. */
function twins(): [PluginWorld, PluginWorld] {
  const ours = worlds.create();
  const go = worlds.create();
  addMaster(ours);
  addMaster(go);
  return [ours, go];
}

function pathOf(world: PluginWorld): string {
  return world.containers[0]?.path ?? '';
}

function container(world: PluginWorld) {
  const ns = world.containers[0];
  if (ns === undefined) throw new Error('no container');
  return ns;
}

describe.skipIf(skip !== null)(
  `macvlan against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('§6.6 static dual stack, mtu 1400, CNI_ARGS MAC: same output and kernel state as Go', () => {
      const [ours, go] = twins();
      const args = 'IgnoreUnknown=1;MAC=02:11:22:33:44:55';
      const oursRun = run(ours, worlds.bin, 'ADD', staticConfig(), { args });
      const goRun = run(go, GO_PLUGIN_DIR, 'ADD', staticConfig(), { args });
      expect(oursRun.stderr).toBe('');
      expect(oursRun.exitCode).toBe(0);
      expect(goRun.exitCode).toBe(0);
      // Byte for byte (Go's key order and indent, `"dns": {}`), once the paths are masked.
      expect(oursRun.stdout.replaceAll(pathOf(ours), 'NETNS')).toBe(
        goRun.stdout.replaceAll(pathOf(go), 'NETNS'),
      );
      expect(oursRun.json).toEqual({
        cniVersion: '1.0.0',
        interfaces: [{ name: 'eth0', mac: '02:11:22:33:44:55', sandbox: pathOf(ours) }],
        ips: [
          { interface: 0, address: '192.168.77.10/24', gateway: '192.168.77.1' },
          { interface: 0, address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
        ],
        routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.78.0/24', gw: '192.168.77.254' }],
        dns: {},
      });
      const state = containerState(container(ours));
      expect(state).toEqual(containerState(container(go)));
      expect(state).toMatchObject({
        kind: 'macvlan',
        mode: 'bridge',
        bcqueuelen: 1000,
        mtu: 1400,
        arpNotify: '1',
        addresses: [
          expect.stringContaining('inet 192.168.77.10/24'),
          expect.stringContaining('inet6 fd00:77::10/64'),
        ],
      });
      expect(state.routes4).toContain('default via 192.168.77.1 dev eth0');
      expect(state.routes4).toContain('192.168.78.0/24 via 192.168.77.254 dev eth0');
      // Newer upstream (and we) also announce IPv6 moves; Debian's 1.1.1 does not.
      expect(sysctl(container(ours), 'net.ipv6.conf.eth0.ndisc_notify')).toBe('1');
      expect(sysctl(container(go), 'net.ipv6.conf.eth0.ndisc_notify')).toBe('0');
      // The master is untouched and the link hangs off it.
      expect(linkNames(ours.host).sort()).toEqual(linkNames(go.host).sort());
      expect(linkNamed(container(ours), 'eth0')?.mtu).toBe(1400);
    });

    test('L2 only (ipam {} and no ipam): the same result as Go, the link up, no address', () => {
      for (const ipam of [{ ipam: {} }, { ipam: undefined }]) {
        const [ours, go] = twins();
        const config = { ...staticConfig(), mtu: 0, ...ipam };
        const oursRun = run(ours, worlds.bin, 'ADD', config);
        const goRun = run(go, GO_PLUGIN_DIR, 'ADD', config);
        expect(oursRun.exitCode).toBe(0);
        expect(goRun.exitCode).toBe(0);
        const mask = (text: string, world: PluginWorld) =>
          text.replaceAll(pathOf(world), 'NETNS').replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');
        expect(mask(oursRun.stdout, ours)).toBe(mask(goRun.stdout, go));
        expect(containerState(container(ours))).toEqual(containerState(container(go)));
        expect(containerState(container(ours))).toMatchObject({
          mtu: 1500,
          addresses: [],
          flags: expect.arrayContaining(['UP']),
        });
        worlds.removeAll();
      }
    });

    test('older cniVersions print the same result as Go (IPv4 static)', () => {
      for (const cniVersion of ['0.3.1', '0.4.0']) {
        const [ours, go] = twins();
        const config = {
          ...staticConfig({ cniVersion }),
          ipam: {
            type: 'static',
            addresses: [{ address: '192.168.77.10/24', gateway: '192.168.77.1' }],
          },
        };
        const args = 'IgnoreUnknown=1;MAC=02:11:22:33:44:55';
        const oursRun = run(ours, worlds.bin, 'ADD', config, { args });
        const goRun = run(go, GO_PLUGIN_DIR, 'ADD', config, { args });
        expect(oursRun.exitCode).toBe(0);
        expect(goRun.exitCode).toBe(0);
        expect(oursRun.stdout.replaceAll(pathOf(ours), 'NETNS')).toBe(
          goRun.stdout.replaceAll(pathOf(go), 'NETNS'),
        );
        expect(oursRun.json).toMatchObject({ cniVersion });
        worlds.removeAll();
      }
    });

    test('every other mode 1.1.1 knows makes the same link as Go (passthru: the master MAC)', () => {
      for (const mode of ['private', 'vepa', 'passthru']) {
        const [ours, go] = twins();
        const config = { ...staticConfig(), mode, ipam: {} };
        const oursRun = run(ours, worlds.bin, 'ADD', config);
        const goRun = run(go, GO_PLUGIN_DIR, 'ADD', config);
        expect(oursRun.exitCode).toBe(0);
        expect(goRun.exitCode).toBe(0);
        expect(containerState(container(ours))).toEqual(containerState(container(go)));
        expect(containerState(container(ours)).mode).toBe(mode);
        if (mode === 'passthru') {
          for (const world of [ours, go]) {
            expect(linkNamed(container(world), 'eth0')?.address).toBe(
              linkNamed(world.host, 'm0')?.address,
            );
          }
        }
        worlds.removeAll();
      }
    });

    test('CHECK passes after ADD for both; DEL twice succeeds and leaves only lo', () => {
      for (const [world, dir] of [
        [worlds.create(), worlds.bin],
        [worlds.create(), GO_PLUGIN_DIR],
      ] as const) {
        addMaster(world);
        const added = run(world, dir, 'ADD', staticConfig());
        expect(added.exitCode).toBe(0);
        const check = run(world, dir, 'CHECK', withPrev(staticConfig(), added.json));
        expect(check.stdout).toBe('');
        expect(check.exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'DEL', withPrev(staticConfig(), added.json));
          expect(del.stdout).toBe('');
          expect(del.exitCode).toBe(0);
        }
        expect(linkNames(container(world))).toEqual(['lo']);
        expect(linkNames(world.host).sort()).toEqual(['lo', 'm0', 'm1']);
      }
    });

    test('without a master the default route link is taken, as Go does', () => {
      const [ours, go] = twins();
      for (const world of [ours, go]) {
        world.host.exec(['ip', 'addr', 'add', '192.168.90.2/24', 'dev', 'm0']);
        world.host.exec(['ip', 'route', 'add', 'default', 'via', '192.168.90.1']);
      }
      const { master: _, ...config } = { ...staticConfig(), ipam: {} };
      const oursRun = run(ours, worlds.bin, 'ADD', config);
      const goRun = run(go, GO_PLUGIN_DIR, 'ADD', config);
      expect(oursRun.exitCode).toBe(0);
      expect(goRun.exitCode).toBe(0);
      const parent = (world: PluginWorld) =>
        container(world).exec(['ip', '-o', 'link', 'show', 'eth0']).includes('@if');
      expect(parent(ours)).toBe(true);
      expect(containerState(container(ours))).toEqual(containerState(container(go)));
    });

    test('bad input: the same code and text as Go (or a clearer one), nothing made', () => {
      const cases: { config: object; go: string; ours?: string }[] = [
        { config: { mode: 'foo' }, go: 'unknown macvlan mode: "foo"' },
        { config: { mtu: 9000 }, go: 'invalid MTU 9000, must be [0, master MTU(1500)]' },
        { config: { mtu: -1 }, go: 'invalid MTU -1, must be [0, master MTU(1500)]' },
        {
          config: { master: 'nope' },
          go: 'Link not found',
          ours: 'failed to lookup master "nope": Link not found',
        },
        { config: { master: undefined }, go: 'no default route interface found' },
        {
          config: { mac: 'zz' },
          go: 'invalid args zz for MAC addr: address zz: invalid MAC address',
        },
      ];
      const [ours, go] = twins();
      for (const { config, go: goText, ours: oursText = goText } of cases) {
        const full = { ...staticConfig(), ...config };
        const oursRun = run(ours, worlds.bin, 'ADD', full);
        const goRun = run(go, GO_PLUGIN_DIR, 'ADD', full);
        expect(goRun.exitCode).toBe(1);
        expect(goRun.json).toMatchObject({ code: 999, msg: goText });
        expect(oursRun.exitCode).toBe(1);
        expect(oursRun.json).toMatchObject({ code: 999, msg: oursText });
        expect(linkNames(container(ours))).toEqual(['lo']);
        expect(linkNames(ours.host).sort()).toEqual(['lo', 'm0', 'm1']);
      }
    });
  },
);
