// The bridge's options one by one, in throwaway worlds (the Go plugin alongside where
// Debian's 1.1.1 has the option).
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed, sysctl } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { bridgeBinDir, hostVeths, nftRuleset, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds(bridgeBinDir);
const { skip } = worlds;

function l3(world: PluginWorld, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'pur-opts',
    type: 'bridge',
    bridge: 'pur-br3',
    ipam: { type: 'host-local', dataDir: world.dataDir, ranges: [[{ subnet: '10.244.80.0/24' }]] },
    ...extra,
  };
}

function l2(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'pur-l2',
    type: 'bridge',
    bridge: 'pur-br4',
    ipam: {},
    ...extra,
  };
}

interface Result {
  interfaces: { name: string; mac: string; sandbox?: string }[];
}

function ok(world: PluginWorld, dir: string, config: object, args?: string): Result {
  const add = run(world, dir, 'ADD', config, args === undefined ? {} : { args });
  expect(add.stderr).toBe('');
  expect(add.exitCode).toBe(0);
  return add.json as Result;
}

/** The ruleset with the random veth name and container MAC named. */
function spoofRules(world: PluginWorld, result: Result): string {
  const [, veth, container] = result.interfaces;
  return nftRuleset(world)
    .replaceAll(veth?.name ?? 'none', '<VETH>')
    .replaceAll(container?.mac ?? 'none', '<MAC>');
}

describe.skipIf(skip !== null)(
  `bridge options${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('L2 (ipam: {}): only interfaces, eth0 up with a link-local address, like Go', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const oursResult = ok(ours, worlds.bin, l2());
      const goResult = ok(go, GO_PLUGIN_DIR, l2());
      for (const result of [oursResult, goResult]) {
        expect(Object.keys(result).sort()).toEqual(['cniVersion', 'dns', 'interfaces']);
      }
      for (const world of [ours, go]) {
        const eth0 = linkNamed(containerOf(world), 'eth0');
        expect(eth0?.flags).toContain('UP');
        const addrs = containerOf(world).exec(['ip', '-o', 'addr', 'show', 'dev', 'eth0']);
        expect(addrs).not.toContain('inet ');
        expect(addrs).toContain('scope link');
        expect(run(world, world === ours ? worlds.bin : GO_PLUGIN_DIR, 'DEL', l2()).exitCode).toBe(
          0,
        );
        expect(hostVeths(world)).toEqual([]);
      }
      // Without a gateway address nothing pins the bridge's MAC: it takes its port's, as
      // Go's does (§6.4), and the bridge is UP like Go's.
      expect(oursResult.interfaces[0]?.mac).toBe(oursResult.interfaces[1]?.mac);
      expect(goResult.interfaces[0]?.mac).toBe(goResult.interfaces[1]?.mac);
    });

    test('macspoofchk: the nft bridge chains exactly as Go makes them, removed by DEL', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const extra = { macspoofchk: true, promiscMode: true, mtu: 1480 };
      const oursResult = ok(ours, worlds.bin, l3(ours, extra), undefined);
      const goResult = ok(go, GO_PLUGIN_DIR, l3(go, extra));
      const rules = spoofRules(ours, oursResult);
      expect(rules).toBe(spoofRules(go, goResult));
      expect(rules).toContain('type filter hook prerouting priority dstnat; policy accept;');
      expect(rules).toContain(
        'iifname "<VETH>" jump cni-br-iface-cid-br1-eth0 comment "macspoofchk-cid-br1-eth0"',
      );
      expect(rules).toContain('ether saddr <MAC> return comment "macspoofchk-cid-br1-eth0"');
      expect(rules).toContain('drop comment "macspoofchk-cid-br1-eth0"');
      expect(run(ours, worlds.bin, 'DEL', l3(ours, extra)).exitCode).toBe(0);
      const left = nftRuleset(ours);
      expect(left).toContain('chain PREROUTING');
      expect(left).not.toContain('cni-br-iface');
      expect(left).not.toContain('macspoofchk');
    });

    test('promiscMode, mtu and portIsolation reach the bridge and both veth ends', () => {
      const world = worlds.create();
      const result = ok(
        world,
        worlds.bin,
        l2({ promiscMode: true, mtu: 1400, portIsolation: true }),
      );
      const bridge = linkNamed(world.host, 'pur-br4');
      const [veth] = hostVeths(world);
      expect(bridge?.flags).toContain('PROMISC');
      expect(bridge?.mtu).toBe(1400);
      expect(veth?.mtu).toBe(1400);
      expect(linkNamed(containerOf(world), 'eth0')?.mtu).toBe(1400);
      expect(veth?.linkinfo?.info_slave_data?.isolated).toBe(true);
      expect(veth?.linkinfo?.info_slave_data?.hairpin).toBe(false);
      expect(veth?.ifname).toBe(result.interfaces[1]?.name ?? '');
    });

    test('the container MAC comes from CNI_ARGS, args.cni.mac, runtimeConfig.mac, in that order', () => {
      const cases: [Record<string, unknown>, string | undefined, string][] = [
        [{}, 'IgnoreUnknown=1;MAC=02:00:00:00:00:01', '02:00:00:00:00:01'],
        [
          { args: { cni: { mac: '02:00:00:00:00:02' } } },
          'MAC=02:00:00:00:00:01',
          '02:00:00:00:00:02',
        ],
        [
          {
            args: { cni: { mac: '02:00:00:00:00:02' } },
            runtimeConfig: { mac: '02-00-00-00-00-03' },
          },
          'MAC=02:00:00:00:00:01',
          '02:00:00:00:00:03',
        ],
      ];
      for (const [extra, args, mac] of cases) {
        const world = worlds.create();
        const result = ok(world, worlds.bin, l2(extra), args);
        expect(result.interfaces[2]?.mac).toBe(mac);
        expect(linkNamed(containerOf(world), 'eth0')?.address).toBe(mac);
      }
    });

    test('enabledad keeps DAD (enhanced_dad) in the container; the default turns it off', () => {
      const dad = worlds.create();
      const noDad = worlds.create();
      const v6 = (world: PluginWorld, extra: Record<string, unknown>) =>
        l3(world, {
          ...extra,
          ipam: {
            type: 'host-local',
            dataDir: world.dataDir,
            ranges: [[{ subnet: 'fd00:80::/64' }]],
          },
        });
      ok(dad, worlds.bin, v6(dad, { enabledad: true }));
      ok(noDad, worlds.bin, v6(noDad, {}));
      expect(sysctl(containerOf(dad), 'net.ipv6.conf.eth0.accept_dad')).toBe('1');
      expect(sysctl(containerOf(dad), 'net.ipv6.conf.eth0.enhanced_dad')).toBe('1');
      expect(sysctl(containerOf(noDad), 'net.ipv6.conf.eth0.accept_dad')).toBe('0');
    });

    test('disableContainerInterface leaves eth0 down and does not wait for the port', () => {
      const world = worlds.create();
      const result = ok(world, worlds.bin, l2({ disableContainerInterface: true }));
      expect(result.interfaces).toHaveLength(3);
      expect(linkNamed(containerOf(world), 'eth0')?.flags).not.toContain('UP');
      const config = l2({ disableContainerInterface: true });
      expect(run(world, worlds.bin, 'CHECK', withPrev(config, result)).exitCode).toBe(0);
      expect(run(world, worlds.bin, 'DEL', config).exitCode).toBe(0);
    });
  },
);
