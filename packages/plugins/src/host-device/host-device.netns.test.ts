import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { ip, linkNamed, reservedAddresses } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import {
  GO_PLUGIN_DIR,
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
  withPrev,
} from '../../test/_world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

// Our plugin's state directory (dataDir): a scratch one, never /var/lib/cni.
const STATE_DIR = mkdtempSync(join(tmpdir(), 'cnits-hd-state-'));
afterAll(() => rmSync(STATE_DIR, { recursive: true, force: true }));

function stateFiles(): string[] {
  return existsSync(STATE_DIR) ? readdirSync(STATE_DIR) : [];
}

/** The §6.8 scenario: a veth (hd0, peer hd1 up) in the host, static IPAM 192.168.79.2/24. */
function config(extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'hd-net',
    type: 'host-device',
    device: 'hd0',
    dataDir: STATE_DIR,
    ipam: { type: 'static', addresses: [{ address: '192.168.79.2/24', gateway: '192.168.79.1' }] },
    ...extra,
  };
}

function world(): PluginWorld {
  const w = worlds.create();
  w.host.exec(['ip', 'link', 'add', 'hd0', 'mtu', '1400', 'type', 'veth', 'peer', 'name', 'hd1']);
  w.host.exec(['ip', 'link', 'set', 'hd1', 'up']);
  w.host.exec(['ip', 'addr', 'add', '192.168.79.1/24', 'dev', 'hd1']);
  return w;
}

function run(
  w: PluginWorld,
  dir: string,
  command: RunPluginOptions['command'],
  conf: object,
  more: Partial<RunPluginOptions> = {},
): PluginRun {
  return runPlugin({
    binDir: dir,
    type: 'host-device',
    command,
    config: conf,
    host: w.host,
    netns: w.containers[0]?.path ?? '',
    containerId: 'cid-hd',
    ifName: 'net1',
    ...more,
  });
}

function containerOf(w: PluginWorld) {
  const ns = w.containers[0];
  if (ns === undefined) throw new Error('no container');
  return ns;
}

/** What both plugins should agree on: the device in the container, the host's links. */
function state(w: PluginWorld) {
  const link = linkNamed(containerOf(w), 'net1');
  return {
    container: {
      mtu: link?.mtu,
      flags: link?.flags,
      addresses: (link === undefined
        ? []
        : ip(containerOf(w), '-4', '-o', 'addr', 'show', 'dev', 'net1')
      ).map((line) =>
        line
          .replace(/^\d+: /, '')
          .replace(/\\.*$/, '')
          .trim(),
      ),
    },
    host: ip(w.host, '-o', 'link', 'show')
      .map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1])
      .sort(),
  };
}

describe.skipIf(skip !== null)(
  `host-device against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('§6.8 device by name, static IPAM: same output and kernel state as Go; the device answers ping', () => {
      const ours = world();
      const go = world();
      const oursRun = run(ours, worlds.bin, 'ADD', config());
      const goRun = run(go, GO_PLUGIN_DIR, 'ADD', config());
      expect(oursRun.stderr).toBe('');
      expect(oursRun.exitCode).toBe(0);
      expect(goRun.exitCode).toBe(0);
      const mask = (text: string, w: PluginWorld) =>
        text
          .replaceAll(containerOf(w).path, 'NETNS')
          .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');
      expect(mask(oursRun.stdout, ours)).toBe(mask(goRun.stdout, go));
      expect(oursRun.json).toMatchObject({
        interfaces: [{ name: 'net1', mac: linkNamed(containerOf(ours), 'net1')?.address }],
        ips: [{ interface: 0, address: '192.168.79.2/24', gateway: '192.168.79.1' }],
        dns: {},
      });
      expect(state(ours)).toEqual(state(go));
      expect(state(ours)).toMatchObject({
        container: { mtu: 1400, flags: expect.arrayContaining(['UP']) },
      });
      expect(state(ours).host).not.toContain('hd0');
      expect(ours.host.exec(['ping', '-c', '1', '-W', '2', '192.168.79.2'])).toContain(
        '1 received',
      );
      // The host name is kept in the alias, as Go does.
      expect(containerOf(ours).exec(['ip', '-o', 'link', 'show', 'net1'])).toContain('alias hd0');
      expect(containerOf(go).exec(['ip', '-o', 'link', 'show', 'net1'])).toContain('alias hd0');
    });

    test('CHECK passes; DEL gives the device back under its name, down, no alias, as Go; our second DEL succeeds', () => {
      const ours = world();
      const go = world();
      for (const [w, dir] of [
        [ours, worlds.bin],
        [go, GO_PLUGIN_DIR],
      ] as const) {
        const added = run(w, dir, 'ADD', config());
        expect(added.exitCode).toBe(0);
        expect(run(w, dir, 'CHECK', withPrev(config(), added.json)).exitCode).toBe(0);
        const del = run(w, dir, 'DEL', withPrev(config(), added.json));
        expect(del.stdout).toBe('');
        expect(del.exitCode).toBe(0);
      }
      expect(state(ours)).toEqual(state(go));
      const back = linkNamed(ours.host, 'hd0');
      expect(back?.flags).not.toContain('UP');
      expect(back?.mtu).toBe(1400);
      expect(ours.host.exec(['ip', '-o', 'link', 'show', 'hd0'])).not.toContain('alias');
      // Go's second DEL fails (`failed to find "net1": Link not found`); ours succeeds.
      expect(run(go, GO_PLUGIN_DIR, 'DEL', config()).exitCode).toBe(1);
      expect(run(ours, worlds.bin, 'DEL', config()).exitCode).toBe(0);
    });

    test('hwaddr selects the device, as Go', () => {
      const ours = world();
      const go = world();
      for (const [w, dir] of [
        [ours, worlds.bin],
        [go, GO_PLUGIN_DIR],
      ] as const) {
        const mac = linkNamed(w.host, 'hd0')?.address ?? '';
        const added = run(w, dir, 'ADD', config({ device: undefined, hwaddr: mac.toUpperCase() }));
        expect(added.exitCode).toBe(0);
        expect(linkNamed(containerOf(w), 'net1')?.address).toBe(mac);
      }
    });

    test('bad input: the same texts as Go, nothing moved', () => {
      const ours = world();
      const go = world();
      const cases: [Record<string, unknown>, string][] = [
        [{ device: 'nope' }, 'failed to find host device: Link not found'],
        [
          { device: undefined, hwaddr: '02:00:00:00:00:99' },
          'failed to find host device: failed to find physical interface',
        ],
        [
          { device: undefined, kernelpath: '/tmp/x' },
          'failed to find host device: kernel device path "/tmp/x" must be absolute and begin with /sys/devices/',
        ],
        [
          { device: undefined, pciBusID: '0000:99:00.0' },
          'error with host device: lstat /sys/bus/pci/devices/0000:99:00.0: no such file or directory',
        ],
        [{ device: undefined }, 'specify either "device", "hwaddr", "kernelpath" or "pciBusID"'],
      ];
      for (const [extra, msg] of cases) {
        const oursRun = run(ours, worlds.bin, 'ADD', config(extra));
        const goRun = run(go, GO_PLUGIN_DIR, 'ADD', config(extra));
        expect(goRun.json).toMatchObject({ code: 999, msg });
        expect(oursRun.json).toMatchObject({ code: 999, msg });
      }
      expect(state(ours)).toEqual(state(go));
      expect(state(ours).host).toContain('hd0');
    });
  },
);

describe.skipIf(skip !== null)(
  `host-device, better than Go${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('DEL with the netns gone releases the IPAM address (Go fails and leaks it, #1196)', () => {
      const w = world();
      const dataDir = w.dataDir;
      const conf = config({ ipam: { type: 'host-local', dataDir, subnet: '192.168.79.0/24' } });
      expect(run(w, worlds.bin, 'ADD', conf).exitCode).toBe(0);
      expect(reservedAddresses(dataDir, 'hd-net')).toHaveLength(1);
      const del = run(w, worlds.bin, 'DEL', conf, { netns: `${w.dir}/gone` });
      expect(del.exitCode).toBe(0);
      expect(reservedAddresses(dataDir, 'hd-net')).toEqual([]);
      expect(run(w, worlds.bin, 'DEL', conf, { netns: '' }).exitCode).toBe(0);
    });

    test('a failed ADD gives the device back under its name, up again, and releases IPAM', () => {
      const w = world();
      w.host.exec(['ip', 'link', 'set', 'hd0', 'up']);
      const dataDir = w.dataDir;
      const conf = config({
        ipam: {
          type: 'host-local',
          dataDir,
          subnet: '192.168.79.0/24',
          routes: [{ dst: '10.99.0.0/16', gw: '10.98.0.1' }],
        },
      });
      const failed = run(w, worlds.bin, 'ADD', conf);
      expect(failed.exitCode).toBe(1);
      const back = linkNamed(w.host, 'hd0');
      expect(back?.flags).toContain('UP');
      expect(w.host.exec(['ip', '-o', 'link', 'show', 'hd0'])).not.toContain('alias');
      expect(reservedAddresses(dataDir, 'hd-net')).toEqual([]);
      expect(linkNamed(containerOf(w), 'net1')).toBeUndefined();
    });

    test('CNI_IFNAME taken in the container: nothing moves, the device keeps no alias', () => {
      const w = world();
      containerOf(w).exec(['ip', 'link', 'add', 'net1', 'type', 'veth', 'peer', 'name', 'x1']);
      const added = run(w, worlds.bin, 'ADD', config());
      expect(added.exitCode).toBe(1);
      expect(added.json).toMatchObject({ code: 999, msg: expect.stringContaining('file exists') });
      expect(linkNamed(w.host, 'hd0')).toBeDefined();
      expect(w.host.exec(['ip', '-o', 'link', 'show', 'hd0'])).not.toContain('alias');
    });

    test('DEL gives the device back its host MTU and addresses (Go loses them); no state left', () => {
      const ours = world();
      const go = world();
      for (const w of [ours, go]) {
        w.host.exec(['ip', 'addr', 'add', '192.168.78.5/24', 'dev', 'hd0']);
        w.host.exec(['ip', 'addr', 'add', 'fd00:78::5/64', 'dev', 'hd0', 'nodad']);
      }
      for (const [w, dir] of [
        [ours, worlds.bin],
        [go, GO_PLUGIN_DIR],
      ] as const) {
        const added = run(w, dir, 'ADD', config());
        expect(added.exitCode).toBe(0);
        if (dir === worlds.bin) expect(stateFiles()).toEqual(['cid-hd-net1.json']);
        containerOf(w).exec(['ip', 'link', 'set', 'net1', 'mtu', '1300']);
        expect(run(w, dir, 'DEL', withPrev(config(), added.json)).exitCode).toBe(0);
      }
      const global = (w: PluginWorld) =>
        ip(w.host, '-o', 'addr', 'show', 'dev', 'hd0')
          .filter((line) => !line.includes(' fe80:'))
          .map((line) => /inet6? (\S+)/.exec(line)?.[1]);
      expect(global(ours).sort()).toEqual(['192.168.78.5/24', 'fd00:78::5/64']);
      expect(linkNamed(ours.host, 'hd0')?.mtu).toBe(1400);
      expect(global(go)).toEqual([]);
      expect(linkNamed(go.host, 'hd0')?.mtu).toBe(1300);
      expect(stateFiles()).toEqual([]);
    });

    test('netns gone: a device the kernel handed back as net1 (alias hd0) gets its name, MTU and addresses back', () => {
      const w = world();
      w.host.exec(['ip', 'addr', 'add', '192.168.78.5/24', 'dev', 'hd0']);
      const conf = config({ ipam: undefined });
      const added = run(w, worlds.bin, 'ADD', conf);
      expect(added.exitCode).toBe(0);
      // What the kernel does to a physical device when its namespace dies: back to the
      // initial namespace under its container name, alias kept (simulated in the world's host).
      containerOf(w).exec(['ip', 'link', 'set', 'net1', 'mtu', '1300']);
      containerOf(w).exec(['ip', 'link', 'set', 'net1', 'netns', w.host.name]);
      expect(w.host.exec(['ip', '-o', 'link', 'show', 'net1'])).toContain('alias hd0');
      const del = run(w, worlds.bin, 'DEL', conf, { netns: `${w.dir}/gone` });
      expect(del.stderr).toBe('');
      expect(del.exitCode).toBe(0);
      expect(linkNamed(w.host, 'net1')).toBeUndefined();
      expect(linkNamed(w.host, 'hd0')?.mtu).toBe(1400);
      expect(w.host.exec(['ip', '-o', 'link', 'show', 'hd0'])).not.toContain('alias');
      expect(ip(w.host, '-4', '-o', 'addr', 'show', 'dev', 'hd0').join(' ')).toContain(
        '192.168.78.5/24',
      );
      expect(stateFiles()).toEqual([]);
    });
  },
);
