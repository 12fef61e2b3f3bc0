import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  containerState,
  dualStackConfig,
  hostState,
  hostVeths,
  natRules,
  reservations,
  run,
} from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

interface ResultShape {
  interfaces?: { name: string; mac?: string; sandbox?: string }[];
}

/** The result with the host veth's name and both MACs replaced by what they look like. */
function anonymous(json: unknown, netns: string): unknown {
  const result = structuredClone(json) as ResultShape;
  if (result.interfaces === undefined) return result;
  return {
    ...result,
    interfaces: result.interfaces.map((intf) => ({
      ...intf,
      name: /^veth[0-9a-f]{8}$/.test(intf.name) ? 'VETH' : intf.name,
      ...(intf.mac === undefined ? {} : { mac: /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(intf.mac) }),
      ...(intf.sandbox === undefined ? {} : { sandbox: intf.sandbox === netns }),
    })),
  };
}

function ping(world: PluginWorld, target: string): boolean {
  const container = world.containers[0];
  if (container === undefined) return false;
  // A few tries: the first packets may wait for neighbour discovery.
  for (let i = 0; i < 3; i++) {
    try {
      container.exec(['ping', '-c', '1', '-W', '2', target]);
      return true;
    } catch {
      // try again
    }
  }
  return false;
}

describe.skipIf(skip !== null)(
  `ptp against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('§6.5 dual stack, ipMasq, mtu 1400, dns: same result and kernel state as Go', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const oursRun = run(ours, worlds.bin, 'ADD', dualStackConfig(ours.dataDir));
      const goRun = run(go, GO_PLUGIN_DIR, 'ADD', dualStackConfig(go.dataDir));
      expect(oursRun.stderr).toBe('');
      expect(oursRun.exitCode).toBe(0);
      expect(goRun.exitCode).toBe(0);

      const oursNs = ours.containers[0]?.path ?? '';
      const goNs = go.containers[0]?.path ?? '';
      expect(anonymous(oursRun.json, oursNs)).toEqual(anonymous(goRun.json, goNs));
      // Byte for byte (Go's key order and indent), once names, MACs and paths are masked.
      const mask = (text: string, ns: string) =>
        text
          .replace(/veth[0-9a-f]{8}/g, 'VETH')
          .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC')
          .replaceAll(ns, 'NETNS');
      expect(mask(oursRun.stdout, oursNs)).toBe(mask(goRun.stdout, goNs));
      expect(oursRun.json).toMatchObject({
        cniVersion: '1.0.0',
        interfaces: [{ name: expect.stringMatching(/^veth/) }, { name: 'eth0', sandbox: oursNs }],
        ips: [
          { interface: 1, address: '10.244.51.2/24', gateway: '10.244.51.1' },
          { interface: 1, address: 'fd00:51::2/64', gateway: 'fd00:51::1' },
        ],
        routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }],
        dns: { nameservers: ['10.244.51.1'], search: ['pur.local'] },
      });

      const [oursC, goC] = [ours.containers[0], go.containers[0]];
      if (oursC === undefined || goC === undefined) throw new Error('no container');
      expect(containerState(oursC)).toEqual(containerState(goC));
      expect(containerState(oursC).routes4).toEqual([
        'default via 10.244.51.1 dev eth0',
        '10.244.51.0/24 via 10.244.51.1 dev eth0 src 10.244.51.2',
        '10.244.51.1 dev eth0 scope link src 10.244.51.2',
      ]);
      expect(hostState(ours.host)).toEqual(hostState(go.host));
      expect(hostState(ours.host)).toMatchObject({
        veths: 1,
        link: 'flags=BROADCAST,MULTICAST,UP,LOWER_UP mtu=1400 kind=veth',
        addresses: [
          expect.stringContaining('inet 10.244.51.1/32 scope global VETH'),
          expect.stringContaining('inet6 fd00:51::1/128 scope global'),
        ],
      });
      expect(hostState(ours.host).routes4).toContain('10.244.51.2 dev VETH scope host');
      // Chain names hash network + container id: identical in both worlds.
      const rules = natRules(ours.host);
      expect(rules).toEqual(natRules(go.host));
      expect(rules.filter((line) => line.includes('MASQUERADE'))).toHaveLength(2);
    });

    test('older cniVersions print the same result shape as Go (IPv4, no ipMasq)', () => {
      for (const cniVersion of ['0.2.0', '0.3.1', '0.4.0']) {
        const ours = worlds.create();
        const go = worlds.create();
        const v4 = (dataDir: string) => ({
          ...dualStackConfig(dataDir, { cniVersion, ipMasq: false }),
          ipam: { type: 'host-local', dataDir, subnet: '10.244.53.0/24', gateway: '10.244.53.254' },
        });
        const oursRun = run(ours, worlds.bin, 'ADD', v4(ours.dataDir));
        const goRun = run(go, GO_PLUGIN_DIR, 'ADD', v4(go.dataDir));
        expect(oursRun.exitCode).toBe(0);
        expect(goRun.exitCode).toBe(0);
        expect(anonymous(oursRun.json, ours.containers[0]?.path ?? '')).toEqual(
          anonymous(goRun.json, go.containers[0]?.path ?? ''),
        );
        expect(oursRun.json).toMatchObject({ cniVersion });
        worlds.removeAll();
      }
    });

    test('the container reaches its gateway (the host veth) over IPv4 and IPv6', () => {
      const world = worlds.create();
      const added = run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir));
      expect(added.exitCode).toBe(0);
      expect(ping(world, '10.244.51.1')).toBe(true);
      expect(ping(world, 'fd00:51::1')).toBe(true);
    });

    test('CHECK passes after ADD for both plugins; DEL leaves nothing, twice', () => {
      for (const [world, dir] of [
        [worlds.create(), worlds.bin],
        [worlds.create(), GO_PLUGIN_DIR],
      ] as const) {
        const config = dualStackConfig(world.dataDir);
        const added = run(world, dir, 'ADD', config);
        expect(added.exitCode).toBe(0);
        const check = run(world, dir, 'CHECK', withPrev(config, added.json));
        expect(check.stdout).toBe('');
        expect(check.exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'DEL', withPrev(config, added.json));
          expect(del.stdout).toBe('');
          expect(del.exitCode).toBe(0);
        }
        expect(hostVeths(world.host)).toEqual([]);
        expect(natRules(world.host)).toEqual([]);
        expect(reservations(world.dataDir)).toEqual([]);
        const container = world.containers[0];
        if (container === undefined) throw new Error('no container');
        expect(container.exec(['ip', '-o', 'link', 'show'])).not.toContain('eth0');
      }
    });
  },
);
