// The §6.4 scenario (dual stack, isDefaultGateway, ipMasq, hairpinMode) run by our bridge
// and by Debian's Go bridge in twin worlds: the results and the kernel state they leave
// are compared field by field, apart from random names and MACs.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed, sysctl } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  addresses,
  bridgeBinDir,
  dualStackConfig,
  hostVeths,
  ipamFiles,
  natRules,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds(bridgeBinDir);
const { skip } = worlds;

interface Result {
  interfaces: { name: string; mac: string; sandbox?: string }[];
  ips: unknown[];
  routes: unknown[];
  dns: unknown;
  cniVersion: string;
}

/** The result with random veth names and MACs replaced, the sandbox path named. */
function shape(json: unknown, world: PluginWorld): unknown {
  const result = json as Result;
  return {
    ...result,
    interfaces: result.interfaces.map((intf) => ({
      ...intf,
      name: intf.name.replace(/^veth[0-9a-f]{8}$/, 'vethXXXXXXXX'),
      mac: intf.mac.replace(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'MAC'),
      ...(intf.sandbox === undefined
        ? {}
        : { sandbox: intf.sandbox === containerOf(world).path ? '<CNI_NETNS>' : intf.sandbox }),
    })),
  };
}

/** The kernel state §6.4 lists, with random names and MACs left out. */
function state(world: PluginWorld) {
  const host = world.host;
  const bridge = linkNamed(host, 'pur-br0');
  const [veth, ...more] = hostVeths(world);
  const slave = veth?.linkinfo?.info_slave_data ?? {};
  const container = containerOf(world);
  return {
    bridge: {
      up: bridge?.flags?.includes('UP'),
      // The oper state too: a bridge whose MAC was pinned before its first port stays
      // UNKNOWN where the Go plugin's is UP.
      operstate: bridge?.operstate,
      vlanFiltering: bridge?.linkinfo?.info_data?.vlan_filtering,
      addresses: addresses(host, 'pur-br0'),
      acceptRa: sysctl(host, 'net.ipv6.conf.pur-br0.accept_ra'),
    },
    veth: {
      count: more.length + 1,
      master: veth?.master,
      hairpin: slave.hairpin,
      isolated: slave.isolated,
      state: slave.state,
      acceptRa: sysctl(host, `net.ipv6.conf.${veth?.ifname}.accept_ra`),
    },
    forwarding: [sysctl(host, 'net.ipv4.ip_forward'), sysctl(host, 'net.ipv6.conf.all.forwarding')],
    hostRoutes: host.exec(['ip', 'route', 'show', 'dev', 'pur-br0']).trim(),
    container: {
      addresses: addresses(container, 'eth0'),
      routes: container.exec(['ip', 'route']).trim(),
      routes6: container.exec(['ip', '-6', 'route', 'show', 'default']).trim(),
      arpNotify: sysctl(container, 'net.ipv4.conf.eth0.arp_notify'),
      acceptDad: sysctl(container, 'net.ipv6.conf.eth0.accept_dad'),
    },
    nat: natRules(world),
    ipam: ipamFiles(world),
  };
}

describe.skipIf(skip !== null)(
  `bridge §6.4 scenario against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD: same result, same kernel state, MAC pinned, rules exactly as §6.4', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const oursAdd = run(ours, worlds.bin, 'ADD', dualStackConfig(ours.dataDir));
      const goAdd = run(go, GO_PLUGIN_DIR, 'ADD', dualStackConfig(go.dataDir));
      expect(oursAdd.stderr).toBe('');
      expect(oursAdd.exitCode).toBe(0);
      expect(goAdd.exitCode).toBe(0);
      expect(shape(oursAdd.json, ours)).toEqual(shape(goAdd.json, go));
      expect(oursAdd.json).toMatchObject({
        cniVersion: '1.0.0',
        interfaces: [{ name: 'pur-br0' }, {}, { name: 'eth0', sandbox: containerOf(ours).path }],
        ips: [
          { interface: 2, address: '10.244.50.2/24', gateway: '10.244.50.1' },
          { interface: 2, address: 'fd00:50::2/64', gateway: 'fd00:50::1' },
        ],
        routes: [
          { dst: '0.0.0.0/0', gw: '10.244.50.1' },
          { dst: '::/0', gw: 'fd00:50::1' },
        ],
        dns: {},
      });

      const oursState = state(ours);
      expect(oursState).toEqual(state(go));
      expect(oursState.bridge).toEqual({
        operstate: 'UP',
        up: true,
        vlanFiltering: 0,
        addresses: ['10.244.50.1/24', 'fd00:50::1/64'],
        acceptRa: '0',
      });
      expect(oursState.veth).toMatchObject({
        count: 1,
        master: 'pur-br0',
        hairpin: true,
        isolated: false,
        state: 'forwarding',
        acceptRa: '0',
      });
      expect(oursState.forwarding).toEqual(['1', '1']);
      expect(oursState.container).toMatchObject({
        addresses: ['10.244.50.2/24', 'fd00:50::2/64'],
        arpNotify: '1',
        acceptDad: '0',
      });
      expect(oursState.container.routes).toContain('default via 10.244.50.1 dev eth0');
      expect(oursState.container.routes6).toContain('default via fd00:50::1 dev eth0 metric 1024');
      expect(oursState.nat).toBe(
        [
          ':CNI-d25dd76defe1afc7a2c8208b - [0:0]',
          '-A POSTROUTING -s 10.244.50.2/32 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j CNI-d25dd76defe1afc7a2c8208b',
          '-A CNI-d25dd76defe1afc7a2c8208b -d 10.244.50.0/24 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j ACCEPT',
          '-A CNI-d25dd76defe1afc7a2c8208b ! -d 224.0.0.0/4 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j MASQUERADE',
          '---',
          ':CNI-d25dd76defe1afc7a2c8208b - [0:0]',
          '-A POSTROUTING -s fd00:50::2/128 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j CNI-d25dd76defe1afc7a2c8208b',
          '-A CNI-d25dd76defe1afc7a2c8208b -d fd00:50::/64 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j ACCEPT',
          '-A CNI-d25dd76defe1afc7a2c8208b ! -d ff00::/8 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j MASQUERADE',
        ].join('\n'),
      );
      expect(oursState.ipam).toEqual([
        '10.244.50.2',
        'fd00:50::2',
        'last_reserved_ip.0',
        'last_reserved_ip.1',
        'lock',
      ]);
      // The bridge keeps its own MAC (pinned to the one it had before its port), as Go's.
      const [bridgeIntf, vethIntf] = (oursAdd.json as Result).interfaces;
      expect(bridgeIntf?.mac).not.toBe(vethIntf?.mac);
      expect(linkNamed(ours.host, 'pur-br0')?.address).toBe(bridgeIntf?.mac);
      // keep_addr_on_down: upstream main sets 1, Debian's 1.1.1 leaves 0.
      expect(sysctl(containerOf(ours), 'net.ipv6.conf.eth0.keep_addr_on_down')).toBe('1');
    });

    test('CHECK passes, then fails as Go does once an address is removed by hand', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const checks = [
        [ours, worlds.bin],
        [go, GO_PLUGIN_DIR],
      ] as const;
      const configs = checks.map(([world, dir]) => {
        const config = dualStackConfig(world.dataDir);
        const add = run(world, dir, 'ADD', config);
        expect(add.exitCode).toBe(0);
        return withPrev(config, add.json);
      });
      checks.forEach(([world, dir], i) => {
        const config = configs[i] ?? {};
        expect(run(world, dir, 'CHECK', config).exitCode).toBe(0);
        containerOf(world).exec(['ip', 'addr', 'del', '10.244.50.2/24', 'dev', 'eth0']);
        expect(run(world, dir, 'CHECK', config).json).toMatchObject({
          code: 999,
          msg: 'Failed to match addr 10.244.50.2/24 on interface eth0',
        });
      });
    });

    test('DEL removes veth, masquerade rules and reservations like Go; the bridge stays; again is fine', () => {
      const ours = worlds.create();
      const go = worlds.create();
      for (const [world, dir] of [
        [ours, worlds.bin],
        [go, GO_PLUGIN_DIR],
      ] as const) {
        const config = dualStackConfig(world.dataDir);
        const add = run(world, dir, 'ADD', config);
        expect(add.exitCode).toBe(0);
        for (let i = 0; i < 2; i++) {
          const del = run(world, dir, 'DEL', withPrev(config, add.json));
          expect(del.exitCode).toBe(0);
          expect(del.stdout).toBe('');
        }
        expect(hostVeths(world)).toEqual([]);
        expect(linkNamed(containerOf(world), 'eth0')).toBeUndefined();
        expect(natRules(world)).toBe('\n---\n');
        expect(ipamFiles(world)).toEqual(['last_reserved_ip.0', 'last_reserved_ip.1', 'lock']);
        expect(addresses(world.host, 'pur-br0')).toEqual(['10.244.50.1/24', 'fd00:50::1/64']);
      }
    });
  },
);
