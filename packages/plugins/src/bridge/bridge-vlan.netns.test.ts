// vlan / vlanTrunk / preserveDefaultVlan. They need bridge VLAN filtering, which the
// kernel may lack (this project's test machines do): the probe decides which half runs,
// and the other half is skipped with the reason in its title. The netlink requests
// themselves are checked byte for byte in bridge-vlan.test.ts either way.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld } from '../../test/_world.ts';
import {
  addresses,
  bridgeBinDir,
  dualStackConfig,
  hostVeths,
  reservations,
  run,
  vlanFilteringSupported,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds(bridgeBinDir);
const { skip } = worlds;
const lacking =
  skip !== null ? skip : vlanFilteringSupported() ? 'this kernel has bridge VLAN filtering' : null;
const having =
  skip !== null ? skip : lacking === null ? 'this kernel lacks bridge VLAN filtering' : null;

function l2(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'pur-vl',
    type: 'bridge',
    bridge: 'pur-br2',
    ipam: {},
    ...extra,
  };
}

/** `bridge -j vlan show dev PORT`: VID → flags. */
function portVlans(world: PluginWorld, port: string): Record<number, string[]> {
  const out = JSON.parse(world.host.exec(['bridge', '-j', 'vlan', 'show', 'dev', port])) as {
    vlans?: { vlan: number; flags?: string[] }[];
  }[];
  return Object.fromEntries((out[0]?.vlans ?? []).map((v) => [v.vlan, v.flags ?? []]));
}

function hostPort(world: PluginWorld): string {
  const [veth] = hostVeths(world).filter((link) => link.master === 'pur-br2');
  return veth?.ifname ?? '';
}

describe.skipIf(lacking !== null)(
  `bridge VLANs without kernel support${lacking === null ? '' : ` (skipped: ${lacking})`}`,
  () => {
    test('vlan and vlanTrunk fail as Go does, leaving nothing', () => {
      for (const extra of [{ vlan: 100 }, { vlanTrunk: [{ id: 101 }] }]) {
        const ours = worlds.create();
        const go = worlds.create();
        const oursAdd = run(
          ours,
          worlds.bin,
          'ADD',
          dualStackConfig(ours.dataDir, { ...extra, bridge: 'pur-br2' }),
        );
        const msg =
          'failed to create bridge "pur-br2": could not add "pur-br2": operation not supported';
        expect(oursAdd.json).toMatchObject({ code: 999, msg });
        if ('vlan' in extra) {
          const goAdd = run(
            go,
            GO_PLUGIN_DIR,
            'ADD',
            dualStackConfig(go.dataDir, { ...extra, bridge: 'pur-br2' }),
          );
          expect(goAdd.json).toMatchObject({ code: 999, msg });
        }
        expect(hostVeths(ours)).toEqual([]);
        expect(linkNamed(containerOf(ours), 'eth0')).toBeUndefined();
        expect(reservations(ours)).toEqual([]);
      }
    });
  },
);

describe.skipIf(having !== null)(
  `bridge VLANs${having === null ? '' : ` (skipped: ${having})`}`,
  () => {
    test('vlan: an access port in that VLAN only (preserveDefaultVlan false drops VID 1)', () => {
      const world = worlds.create();
      expect(
        run(world, worlds.bin, 'ADD', l2({ vlan: 100, preserveDefaultVlan: false })).exitCode,
      ).toBe(0);
      expect(linkNamed(world.host, 'pur-br2')?.linkinfo?.info_data?.vlan_filtering).toBe(1);
      const vlans = portVlans(world, hostPort(world));
      expect(vlans[100]).toEqual(['PVID', 'Egress Untagged']);
      expect(vlans[1]).toBeUndefined();
    });

    test('preserveDefaultVlan (the default) keeps VID 1 on the port', () => {
      const world = worlds.create();
      expect(run(world, worlds.bin, 'ADD', l2({ vlan: 100 })).exitCode).toBe(0);
      const vlans = portVlans(world, hostPort(world));
      expect(vlans[100]).toEqual(['PVID', 'Egress Untagged']);
      expect(vlans[1]).toBeDefined();
    });

    test('vlanTrunk: tagged VIDs, VID 1 native when no vlan is given', () => {
      const world = worlds.create();
      const config = l2({
        vlanTrunk: [{ id: 101 }, { minID: 200, maxID: 202 }],
        preserveDefaultVlan: false,
      });
      expect(run(world, worlds.bin, 'ADD', config).exitCode).toBe(0);
      const vlans = portVlans(world, hostPort(world));
      expect(vlans[1]).toEqual(['PVID', 'Egress Untagged']);
      for (const vid of [101, 200, 201, 202]) expect(vlans[vid]).toEqual([]);
    });

    test('isGateway with a vlan puts the gateway on <bridge>.<vlan> and reports it', () => {
      const world = worlds.create();
      const config = dualStackConfig(world.dataDir, { bridge: 'pur-br2', vlan: 100 });
      const add = run(world, worlds.bin, 'ADD', config);
      expect(add.exitCode).toBe(0);
      expect(add.json).toMatchObject({ interfaces: [{}, {}, {}, { name: 'pur-br2.100' }] });
      expect(addresses(world.host, 'pur-br2.100')).toEqual(['10.244.50.1/24', 'fd00:50::1/64']);
      expect(addresses(world.host, 'pur-br2')).toEqual([]);
    });
  },
);
