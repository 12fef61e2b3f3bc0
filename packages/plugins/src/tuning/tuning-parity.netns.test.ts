// tuning against Debian's Go tuning (1.1.1) in twin worlds: each world runs the chain
// ptp + host-local → tuning with its own plugins (ours or Go's), and the results, the
// container's link attributes and sysctls, the backup file and what DEL restores must be
// the same. The backup file is upstream's, so each implementation's DEL restores what the
// other's ADD saved.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  attach,
  backups,
  linkAttributes,
  prevMac,
  run,
  sysctls,
  tuningConfig,
} from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** The §6.7 tuning keys (mtu, promisc, IFNAME sysctl, capability mac) plus allmulti. */
const KEYS = {
  mtu: 1450,
  promisc: true,
  allmulti: true,
  sysctl: { 'net.ipv4.conf.IFNAME.arp_filter': '1', 'net/core/somaxconn': '512' },
  capabilities: { mac: true },
  runtimeConfig: { mac: '02:AA:bb:cc:dd:01' },
};

/** Result text with the host veth's name, random MACs and the netns path masked. */
function masked(text: string, world: PluginWorld, originalMac: string): string {
  return text
    .replace(/veth[0-9a-f]{8}/g, 'VETH')
    .replaceAll(originalMac, 'ORIGINAL-MAC')
    .replace(/"mac": "(?!02:AA)([0-9a-f]{2}:){5}[0-9a-f]{2}"/g, '"mac": "HOST-MAC"')
    .replaceAll(containerOf(world).path, 'NETNS');
}

interface Twin {
  readonly world: PluginWorld;
  readonly dir: string;
  readonly prev: unknown;
}

function twins(cniVersion = '1.0.0'): [Twin, Twin] {
  const ours = worlds.create();
  const go = worlds.create();
  return [
    { world: ours, dir: worlds.bin, prev: attach(ours, worlds.bin, cniVersion) },
    { world: go, dir: GO_PLUGIN_DIR, prev: attach(go, GO_PLUGIN_DIR, cniVersion) },
  ];
}

describe.skipIf(skip !== null)(
  `tuning against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('§6.7 keys: same result, link attributes, sysctls and backup file as Go', () => {
      const [ours, go] = twins();
      const seen = [ours, go].map(({ world, dir, prev }) => {
        const container = containerOf(world);
        const before = linkAttributes(container);
        const added = run(world, dir, 'tuning', 'ADD', tuningConfig(world, KEYS, prev));
        expect(added.stderr).toBe('');
        expect(added.exitCode).toBe(0);
        const original = prevMac(prev);
        expect(before.mac).toBe(original);
        return {
          before: { ...before, mac: 'ORIGINAL-MAC' },
          result: masked(added.stdout, world, original),
          link: linkAttributes(container),
          sysctls: sysctls(container),
          backups: Object.fromEntries(
            Object.entries(backups(world)).map(([name, text]) => [
              name,
              text.replace(original, 'ORIGINAL-MAC'),
            ]),
          ),
        };
      });
      const [o, g] = seen;
      expect(o).toEqual(g);
      expect(o?.link).toEqual({
        mac: '02:aa:bb:cc:dd:01',
        mtu: 1450,
        promisc: true,
        allmulti: true,
        promiscuity: 1,
        txqlen: 0, // ptp's veth: no queue
      });
      expect(o?.sysctls).toMatchObject({
        'net.ipv4.conf.eth0.arp_filter': '1',
        'net.core.somaxconn': '512',
      });
      expect(o?.backups).toEqual({
        'cid-tuning_eth0.json':
          '{\n "mac": "ORIGINAL-MAC",\n "promisc": false,\n "mtu": 1500,\n "allmulti": false\n}',
      });
      // The result passes ptp's through with tuning's MAC, as the runtime gave it.
      expect(o?.result).toContain('"mac": "02:AA:bb:cc:dd:01",\n            "sandbox": "NETNS"');
    });

    test('DEL restores every attribute and removes the backup, in both; twice is fine', () => {
      for (const { world, dir, prev } of twins()) {
        const container = containerOf(world);
        const before = linkAttributes(container);
        const config = tuningConfig(world, KEYS, prev);
        expect(run(world, dir, 'tuning', 'ADD', config).exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'tuning', 'DEL', config);
          expect(del.stdout).toBe('');
          expect(del.exitCode).toBe(0);
        }
        expect(linkAttributes(container)).toEqual(before);
        expect(backups(world)).toEqual({});
      }
    });

    test("each implementation's DEL restores what the other's ADD saved", () => {
      const [ours, go] = twins();
      for (const [adder, deleter] of [
        [ours.dir, go.dir],
        [go.dir, ours.dir],
      ] as const) {
        const world = adder === ours.dir ? ours : go;
        const container = containerOf(world.world);
        const before = linkAttributes(container);
        const config = tuningConfig(world.world, KEYS, world.prev);
        expect(run(world.world, adder, 'tuning', 'ADD', config).exitCode).toBe(0);
        expect(linkAttributes(container)).not.toEqual(before);
        expect(run(world.world, deleter, 'tuning', 'DEL', config).exitCode).toBe(0);
        expect(linkAttributes(container)).toEqual(before);
        expect(backups(world.world)).toEqual({});
      }
    });

    test('CHECK passes after ADD and fails alike on a changed attribute', () => {
      const keys = { mtu: 1450, promisc: true, allmulti: false, mac: '02:aa:bb:cc:dd:02' };
      const failures = twins().map(({ world, dir, prev }) => {
        const config = tuningConfig(world, keys, prev);
        const added = run(world, dir, 'tuning', 'ADD', config);
        expect(added.exitCode).toBe(0);
        const check = run(world, dir, 'tuning', 'CHECK', withPrev(config, added.json));
        expect(check.stdout).toBe('');
        expect(check.exitCode).toBe(0);
        containerOf(world).exec(['ip', 'link', 'set', 'eth0', 'mtu', '1400']);
        const changed = run(world, dir, 'tuning', 'CHECK', withPrev(config, added.json));
        expect(changed.exitCode).toBe(1);
        containerOf(world).exec(['ip', 'link', 'set', 'eth0', 'mtu', '1450', 'promisc', 'off']);
        const promisc = run(world, dir, 'tuning', 'CHECK', withPrev(config, added.json));
        return [changed.json, promisc.json];
      });
      expect(failures[0]).toEqual(failures[1]);
      expect(failures[0]).toEqual([
        { code: 999, msg: 'Error: Tuning configured MTU of eth0 is 1450, current value is 1400' },
        {
          code: 999,
          msg: 'Error: Tuning link eth0 configured promisc is true, current value is 0',
        },
      ]);
    });

    test('CHECK of a sysctl: a changed value fails alike; IFNAME keys work (Go 1.1.1 cannot)', () => {
      const outcomes = twins().map(({ world, dir, prev }) => {
        const plain = tuningConfig(world, { sysctl: { 'net.core.somaxconn': '600' } }, prev);
        expect(run(world, dir, 'tuning', 'ADD', plain).exitCode).toBe(0);
        expect(run(world, dir, 'tuning', 'CHECK', plain).exitCode).toBe(0);
        containerOf(world).exec(['sysctl', '-q', '-w', 'net.core.somaxconn=700']);
        const changed = run(world, dir, 'tuning', 'CHECK', plain).json;
        const ifname = tuningConfig(
          world,
          { sysctl: { 'net.ipv4.conf.IFNAME.arp_filter': '1' } },
          prev,
        );
        expect(run(world, dir, 'tuning', 'ADD', ifname).exitCode).toBe(0);
        return [changed, run(world, dir, 'tuning', 'CHECK', ifname)] as const;
      });
      const [oursChanged, oursIfname] = outcomes[0] ?? [];
      const [goChanged, goIfname] = outcomes[1] ?? [];
      expect(oursChanged).toEqual(goChanged);
      expect(oursChanged).toEqual({
        code: 999,
        msg: 'Error: Tuning configured value of /proc/sys/net/core/somaxconn is 600, current value is 700',
      });
      expect(oursIfname?.exitCode).toBe(0);
      // Upstream fixed this after 1.1.1 (reference-plugins.md §6.7).
      expect(goIfname?.json).toEqual({
        code: 999,
        msg: 'open /proc/sys/net/ipv4/conf/IFNAME/arp_filter: no such file or directory',
      });
    });

    test('older cniVersions pass the previous result through in the same shape as Go', () => {
      for (const cniVersion of ['0.3.1', '0.4.0']) {
        const [o, g] = twins(cniVersion).map(({ world, dir, prev }) => {
          const config = tuningConfig(world, { mac: '02:aa:bb:cc:dd:03' }, prev, cniVersion);
          const added = run(world, dir, 'tuning', 'ADD', config);
          expect(added.exitCode).toBe(0);
          return masked(added.stdout, world, prevMac(prev));
        });
        expect(o).toBe(g ?? '');
        expect(o).toContain(`"cniVersion": "${cniVersion}"`);
        worlds.removeAll();
      }
    });
  },
);
