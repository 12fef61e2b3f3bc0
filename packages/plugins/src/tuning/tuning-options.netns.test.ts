// tuning's other inputs and DEL's edge cases: txQLen (newer than Debian's Go tuning), the
// precedence of the MAC sources and of args.cni, IFNAME with a dotted interface name, and
// DEL when the namespace or the interface is gone.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { sysctl } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, backups, linkAttributes, run, tuningConfig } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function both(): { world: PluginWorld; dir: string; prev: unknown }[] {
  return [worlds.bin, GO_PLUGIN_DIR].map((dir) => {
    const world = worlds.create();
    return { world, dir, prev: attach(world, dir) };
  });
}

describe.skipIf(skip !== null)(
  `tuning options${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('txQLen: set, saved, checked and restored', () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      const container = containerOf(world);
      const before = linkAttributes(container);
      const config = tuningConfig(world, { txQLen: 2000 }, prev);
      const added = run(world, worlds.bin, 'tuning', 'ADD', config);
      expect(added.exitCode).toBe(0);
      expect(linkAttributes(container).txqlen).toBe(2000);
      expect(backups(world)).toEqual({
        'cid-tuning_eth0.json': `{\n "txQLen": ${before.txqlen}\n}`,
      });
      expect(run(world, worlds.bin, 'tuning', 'CHECK', withPrev(config, added.json)).exitCode).toBe(
        0,
      );
      container.exec(['ip', 'link', 'set', 'eth0', 'txqueuelen', '10']);
      expect(run(world, worlds.bin, 'tuning', 'CHECK', withPrev(config, added.json)).json).toEqual({
        code: 999,
        msg: 'Error: Tuning configured Transmit Queue Length of eth0 is 2000, current value is 10',
      });
      expect(run(world, worlds.bin, 'tuning', 'DEL', config).exitCode).toBe(0);
      expect(linkAttributes(container)).toEqual(before);
    });

    test('MAC precedence (config < CNI_ARGS < runtimeConfig < args.cni) and args.cni overrides, as Go', () => {
      const keys = {
        mac: '02:00:00:00:00:01',
        mtu: 1400,
        promisc: false,
        sysctl: { 'net.core.somaxconn': '600' },
        runtimeConfig: { mac: '02:00:00:00:00:03' },
        args: {
          cni: {
            mtu: 1300,
            promisc: true,
            allmulti: true,
            sysctl: { 'net.core.somaxconn': '700' },
          },
        },
      };
      const seen = both().map(({ world, dir, prev }) => {
        const container = containerOf(world);
        const add = (config: Record<string, unknown>): string => {
          const step = run(world, dir, 'tuning', 'ADD', config, { args: 'MAC=02:00:00:00:00:02' });
          expect(step.exitCode).toBe(0);
          return linkAttributes(container).mac;
        };
        const argsMac = { ...keys, args: { cni: { ...keys.args.cni, mac: '02:00:00:00:00:04' } } };
        const macs = [
          add(tuningConfig(world, { mac: keys.mac }, prev)),
          add(tuningConfig(world, keys, prev)),
          add(tuningConfig(world, argsMac, prev)),
        ];
        return {
          macs,
          link: linkAttributes(container),
          somaxconn: sysctl(container, 'net.core.somaxconn'),
        };
      });
      expect(seen[0]).toEqual(seen[1]);
      expect(seen[0]).toMatchObject({
        macs: ['02:00:00:00:00:02', '02:00:00:00:00:03', '02:00:00:00:00:04'],
        link: { mtu: 1300, promisc: true, allmulti: true },
        somaxconn: '700',
      });
    });

    test('IFNAME with a dotted interface name (Go 1.1.1 breaks it); sysctls only: no backup', () => {
      const [ours, go] = [worlds.bin, GO_PLUGIN_DIR].map((dir) => {
        const world = worlds.create();
        const ptp = {
          cniVersion: '1.0.0',
          name: 'tuning-net',
          type: 'ptp',
          ipam: { type: 'host-local', dataDir: world.dataDir, subnet: '10.244.61.0/24' },
        };
        const added = run(world, dir, 'ptp', 'ADD', ptp, { ifName: 'eth0.5' });
        expect(added.exitCode).toBe(0);
        const keys = { sysctl: { 'net.ipv4.conf.IFNAME.arp_filter': '1' } };
        const config = tuningConfig(world, keys, added.json);
        const tuned = run(world, dir, 'tuning', 'ADD', config, { ifName: 'eth0.5' });
        const file = '/proc/sys/net/ipv4/conf/eth0.5/arp_filter';
        return { tuned, value: containerOf(world).exec(['cat', file]).trim(), world };
      });
      expect(ours?.tuned.exitCode).toBe(0);
      expect(ours?.value).toBe('1');
      if (ours !== undefined) expect(backups(ours.world)).toEqual({});
      // 1.1.1 substitutes IFNAME before turning dots into slashes; upstream's main does not.
      expect(go?.tuned.json).toEqual({
        code: 999,
        msg: 'open /proc/sys/net/ipv4/conf/eth0/5/arp_filter: no such file or directory',
      });
    });

    test('DEL with the netns gone succeeds and drops the backup (Go keeps it forever)', () => {
      for (const { world, dir, prev } of both()) {
        const config = tuningConfig(world, { mtu: 1400 }, prev);
        expect(run(world, dir, 'tuning', 'ADD', config).exitCode).toBe(0);
        const netns = containerOf(world).path;
        containerOf(world).remove();
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'tuning', 'DEL', config, { netns });
          expect([del.exitCode, del.stdout]).toEqual([0, '']);
        }
        const noNetns = run(world, dir, 'tuning', 'DEL', config, { netns: '' });
        expect([noNetns.exitCode, noNetns.stdout]).toEqual([0, '']);
        expect(Object.keys(backups(world))).toEqual(
          dir === GO_PLUGIN_DIR ? ['cid-tuning_eth0.json'] : [],
        );
      }
    });

    test('DEL after the interface went succeeds and drops the backup', () => {
      const world = worlds.create();
      const prev = attach(world, worlds.bin);
      const config = tuningConfig(world, { promisc: true }, prev);
      expect(run(world, worlds.bin, 'tuning', 'ADD', config).exitCode).toBe(0);
      containerOf(world).exec(['ip', 'link', 'del', 'eth0']);
      expect(run(world, worlds.bin, 'tuning', 'DEL', config).exitCode).toBe(0);
      expect(backups(world)).toEqual({});
    });
  },
);
