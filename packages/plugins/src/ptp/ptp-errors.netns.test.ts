import { describe, expect, test } from 'bun:test';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { nftMasqRules } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld } from '../../test/_world.ts';
import { dualStackConfig, hostVeths, natChains, reservations, run } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function hasEth0(ns: TestNetns): boolean {
  return ns.exec(['ip', '-o', 'link', 'show']).includes(' eth0');
}

/** Nothing of the attachment is left: no host veth, no eth0, no address held, no rule. */
function expectNothingMade(world: PluginWorld, index = 0): void {
  expect(hostVeths(world.host)).toEqual([]);
  expect(hasEth0(containerOf(world, index))).toBe(false);
  expect(reservations(world.dataDir)).toEqual([]);
  expect(natChains(world.host)).toEqual([]);
  expect(nftMasqRules(world.host)).toEqual([]);
}

describe.skipIf(skip !== null)(`ptp bad input${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('config errors are code 7 naming the key, before anything is made', () => {
    const world = worlds.create();
    const base = dualStackConfig(world.dataDir);
    const { ipam: _ipam, ...noIpam } = base;
    const cases: [object, string][] = [
      [noIpam, 'ipam: is required'],
      [
        { ...base, ipam: { dataDir: world.dataDir } },
        "ipam: missing 'type': the IPAM plugin to run",
      ],
      [{ ...base, mtu: 'x' }, 'mtu: expected a number, got "x"'],
      [{ ...base, mtu: 1400.5 }, 'mtu: Invalid integer: Received 1400.5'],
      [{ ...base, ipMasq: 'yes' }, 'ipMasq: expected a boolean, got "yes"'],
      [{ ...base, ipMasqBackend: 'pf' }, 'ipMasqBackend: unknown ipmasq backend "pf"'],
      [
        { ...base, dns: { nameservers: '10.0.0.1' } },
        'dns.nameservers: expected an array, got "10.0.0.1"',
      ],
    ];
    for (const [config, msg] of cases) {
      const add = run(world, worlds.bin, 'ADD', config);
      expect(add.exitCode).toBe(1);
      expect(add.json).toMatchObject({ code: 7, msg });
    }
    expectNothingMade(world);
  });

  test('Go JSON rules: keys match case-insensitively', () => {
    const world = worlds.create();
    const { ipam, ipMasq: _m, mtu: _t, ...rest } = dualStackConfig(world.dataDir);
    const add = run(world, worlds.bin, 'ADD', { ...rest, IPAM: ipam, MTU: 1300, IpMasq: false });
    expect(add.exitCode).toBe(0);
    expect(containerOf(world).exec(['ip', '-o', 'link', 'show', 'eth0'])).toContain('mtu 1300');
    expect(natChains(world.host)).toEqual([]);
  });

  test('an exhausted range fails with the IPAM error and leaves the first attachment alone', () => {
    const world = worlds.create(2);
    const config = {
      ...dualStackConfig(world.dataDir),
      ipam: {
        type: 'host-local',
        dataDir: world.dataDir,
        ranges: [[{ subnet: '10.244.52.0/30' }]],
      },
    };
    const first = run(world, worlds.bin, 'ADD', config, { containerId: 'cid-1' });
    expect(first.exitCode).toBe(0);
    const second = run(world, worlds.bin, 'ADD', config, {
      containerId: 'cid-2',
      netns: containerOf(world, 1).path,
    });
    expect(second.exitCode).toBe(1);
    expect(second.json).toMatchObject({
      code: 999,
      msg: 'failed to allocate for range 0: no IP addresses available in range set: 10.244.52.1-10.244.52.2',
    });
    expect(hostVeths(world.host)).toHaveLength(1);
    expect(hasEth0(containerOf(world, 1))).toBe(false);
    expect(reservations(world.dataDir)).toEqual(['10.244.52.2']);
    expect(new Set(natChains(world.host)).size).toBe(1);
  });

  test('an address the IPAM plugin cannot give (CNI_ARGS IP= taken) fails cleanly', () => {
    const world = worlds.create(2);
    const config = dualStackConfig(world.dataDir);
    expect(run(world, worlds.bin, 'ADD', config, { containerId: 'cid-1' }).exitCode).toBe(0);
    const taken = run(world, worlds.bin, 'ADD', config, {
      containerId: 'cid-2',
      netns: containerOf(world, 1).path,
      args: 'IP=10.244.51.2',
    });
    expect(taken.exitCode).toBe(1);
    expect(taken.json).toMatchObject({
      code: 999,
      msg: expect.stringContaining('requested IP address 10.244.51.2 is not available'),
    });
    expect(hostVeths(world.host)).toHaveLength(1);
    expect(hasEth0(containerOf(world, 1))).toBe(false);
  });

  test('a route conflict in the container: ours undoes the veth and the address, Go leaves the veth', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const leftVeths = new Map<string, number>();
    for (const [label, world, dir] of [
      ['ours', ours, worlds.bin],
      ['go', go, GO_PLUGIN_DIR],
    ] as const) {
      const ns = containerOf(world);
      ns.exec(['ip', 'link', 'add', 'x0', 'type', 'veth', 'peer', 'name', 'x1']);
      ns.exec(['ip', 'addr', 'add', '10.244.51.200/24', 'dev', 'x0']);
      ns.exec(['ip', 'link', 'set', 'x0', 'up']);
      ns.exec(['ip', 'link', 'set', 'x1', 'up']);
      const add = run(world, dir, 'ADD', dualStackConfig(world.dataDir));
      expect(add.exitCode).toBe(1);
      expect(add.json).toMatchObject({
        code: 999,
        msg: expect.stringMatching(/^failed to add route .*10\.244\.51\.0\/24.*: file exists$/),
      });
      expect(reservations(world.dataDir)).toEqual([]);
      leftVeths.set(label, hostVeths(world.host).length);
    }
    expect((run(ours, worlds.bin, 'ADD', {}).json as object) ?? {}).toBeDefined();
    expect(leftVeths.get('ours')).toBe(0);
    expect(hasEth0(containerOf(ours))).toBe(false);
    expect(leftVeths.get('go')).toBe(1);
    expectNothingMade(ours);
  });

  test('a taken container interface name fails with the upstream text and releases the address', () => {
    const world = worlds.create();
    containerOf(world).exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'p0']);
    const add = run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir));
    expect(add.exitCode).toBe(1);
    expect(add.json).toMatchObject({
      code: 999,
      msg: 'container veth name provided (eth0) already exists',
    });
    expect(hostVeths(world.host)).toEqual([]);
    expect(reservations(world.dataDir)).toEqual([]);
    expect(containerOf(world).exec(['ip', '-o', 'link', 'show', 'eth0'])).toContain('eth0@p0');
  });

  test('a masquerade failure after the veth is made takes back the veth and the address', () => {
    const world = worlds.create();
    // The kernel refuses the masquerade transaction: a regular chain already holds the
    // name of the postrouting base chain.
    world.host.exec(['nft', 'add', 'table', 'inet', 'cni_plugins_masquerade']);
    world.host.exec(['nft', 'add', 'chain', 'inet', 'cni_plugins_masquerade', 'postrouting']);
    const add = run(
      world,
      worlds.bin,
      'ADD',
      dualStackConfig(world.dataDir, { ipMasqBackend: 'nftables' }),
    );
    expect(add.exitCode).toBe(1);
    expect(add.json).toMatchObject({
      code: 999,
      msg: expect.stringContaining(
        'NFT_MSG_NEWCHAIN chain inet cni_plugins_masquerade postrouting',
      ),
    });
    expectNothingMade(world);
  });

  test('ADD with a namespace that does not exist fails before the IPAM plugin runs', () => {
    const world = worlds.create();
    const add = run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir), {
      netns: '/run/netns/cnits-no-such-ns',
    });
    expect(add.exitCode).toBe(1);
    expect(add.json).toMatchObject({
      code: 999,
      msg: 'failed to open netns "/run/netns/cnits-no-such-ns": failed to Statfs "/run/netns/cnits-no-such-ns": no such file or directory',
    });
    expectNothingMade(world);
  });
});
