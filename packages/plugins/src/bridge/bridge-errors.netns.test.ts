// Bad input and failing ADDs: the right code, a clear message (upstream's where it has
// one), and nothing half made — no veth, no reservation, no rule. Where upstream is buggy
// (a failed ADD leaving its veth, a gateway-less IPAM default route, a bridge left with an
// all-zero MAC) the Go plugin runs alongside to show the difference.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginRun, type PluginWorld } from '../../test/_world.ts';
import {
  bridgeBinDir,
  dualStackConfig,
  hostVeths,
  natRules,
  reservations,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds(bridgeBinDir);
const { skip } = worlds;

const NO_RULES = '\n---\n';

function failed(outcome: PluginRun, code: number, msg: string | RegExp): void {
  expect(outcome.exitCode).toBe(1);
  expect(outcome.json).toMatchObject({
    code,
    msg: typeof msg === 'string' ? msg : expect.stringMatching(msg),
  });
}

/** Nothing of the attachment in the world: no veth, no container interface, no reservation, no rule. */
function nothingMade(world: PluginWorld): void {
  expect(hostVeths(world).filter((link) => link.master !== undefined)).toEqual([]);
  expect(linkNamed(containerOf(world), 'eth0')).toBeUndefined();
  expect(reservations(world)).toEqual([]);
  expect(natRules(world)).toBe(NO_RULES);
}

describe.skipIf(skip !== null)(`bridge errors${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('config errors fail before anything is made, with upstream texts', () => {
    const world = worlds.create();
    const cases: [Record<string, unknown>, number, string | RegExp][] = [
      [
        { hairpinMode: true, promiscMode: true },
        999,
        'cannot set hairpin mode and promiscuous mode at the same time',
      ],
      [{ vlan: 5000 }, 999, 'invalid VLAN ID 5000 (must be between 0 and 4094)'],
      [
        { vlanTrunk: [{ minID: 10 }] },
        999,
        'minID and maxID should be configured simultaneously, maxID is missing',
      ],
      [
        { disableContainerInterface: true },
        999,
        'cannot use IPAM when DisableContainerInterface flag is set',
      ],
      [{ ipMasqBackend: 'pf' }, 999, 'unknown ipmasq backend "pf"'],
      [
        { runtimeConfig: { mac: 'zz:zz' } },
        999,
        'failed to make veth pair: address zz:zz: invalid MAC address',
      ],
      [{ mtu: 'x' }, 7, /mtu/],
    ];
    for (const [extra, code, msg] of cases) {
      failed(run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir, extra)), code, msg);
    }
    failed(
      run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir), { args: 'FOO=bar' }),
      999,
      'ARGS: unknown args ["FOO=bar"]',
    );
    nothingMade(world);
    expect(linkNamed(world.host, 'pur-br0')).toBeUndefined();
  });

  test('an existing link of the bridge name that is not a bridge fails as Go does', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const outcomes = [
      [ours, worlds.bin],
      [go, GO_PLUGIN_DIR],
    ] as const;
    for (const [world, dir] of outcomes) {
      world.host.exec(['ip', 'link', 'add', 'pur-m0', 'type', 'veth', 'peer', 'name', 'pur-m0p']);
      const add = run(world, dir, 'ADD', dualStackConfig(world.dataDir, { bridge: 'pur-m0' }));
      failed(
        add,
        999,
        'failed to create bridge "pur-m0": "pur-m0" already exists but is not a bridge',
      );
      nothingMade(world);
    }
  });

  test('a netns that does not exist: the error, and no bridge (Go makes the bridge first)', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const missing = '/run/netns/cnits-no-such-ns';
    const msg = `failed to open netns "${missing}": failed to Statfs "${missing}": no such file or directory`;
    failed(
      run(ours, worlds.bin, 'ADD', dualStackConfig(ours.dataDir), { netns: missing }),
      999,
      msg,
    );
    failed(
      run(go, GO_PLUGIN_DIR, 'ADD', dualStackConfig(go.dataDir), { netns: missing }),
      999,
      msg,
    );
    expect(linkNamed(ours.host, 'pur-br0')).toBeUndefined();
    expect(linkNamed(go.host, 'pur-br0')).toBeDefined();
  });

  test('a taken container interface name: upstream text, no veth left in the host', () => {
    const world = worlds.create();
    containerOf(world).exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p']);
    failed(
      run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir)),
      999,
      'container veth name provided (eth0) already exists',
    );
    expect(hostVeths(world)).toEqual([]);
    expect(reservations(world)).toEqual([]);
  });

  test('an exhausted range: the IPAM error, and the veth undone', () => {
    const world = worlds.create(2);
    const config = dualStackConfig(world.dataDir, {}, ['10.244.60.0/30', 'fd00:60::/126']);
    expect(run(world, worlds.bin, 'ADD', config, { containerId: 'cid-a' }).exitCode).toBe(0);
    const second = run(world, worlds.bin, 'ADD', config, { containerId: 'cid-b', container: 1 });
    failed(second, 999, /^failed to allocate for range 0: no IP addresses available in range set/);
    expect(hostVeths(world)).toHaveLength(1);
    expect(linkNamed(containerOf(world, 1), 'eth0')).toBeUndefined();
    expect(reservations(world)).toEqual(['10.244.60.2', 'fd00:60::2']);
    expect(natRules(world)).not.toContain('cid-b');
  });

  test('a failed ADD on a new bridge leaves it with a MAC of its own, not zeros', () => {
    const world = worlds.create();
    const ranges = [
      [{ subnet: '10.244.61.0/30', rangeStart: '10.244.61.1', rangeEnd: '10.244.61.1' }],
    ];
    const config = dualStackConfig(world.dataDir);
    const ipam = { ...(config.ipam as Record<string, unknown>), ranges };
    const add = run(world, worlds.bin, 'ADD', { ...config, ipam });
    failed(add, 999, /^failed to allocate for range 0: no IP addresses available in range set/);
    expect(hostVeths(world)).toEqual([]);
    const mac = linkNamed(world.host, 'pur-br0')?.address;
    expect(mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(mac).not.toBe('00:00:00:00:00:00');
  });

  test('a failure after IPAM undoes veth and reservation (Go leaves the veth)', () => {
    const ours = worlds.create();
    const go = worlds.create();
    for (const [world, dir] of [
      [ours, worlds.bin],
      [go, GO_PLUGIN_DIR],
    ] as const) {
      world.host.exec(['ip', 'link', 'add', 'pur-br0', 'type', 'bridge']);
      world.host.exec(['ip', 'addr', 'add', '10.244.50.99/24', 'dev', 'pur-br0']);
      failed(
        run(world, dir, 'ADD', dualStackConfig(world.dataDir)),
        999,
        'failed to set bridge addr: "pur-br0" already has an IP address different from 10.244.50.1/24',
      );
      expect(reservations(world)).toEqual([]);
      expect(natRules(world)).toBe(NO_RULES);
    }
    expect(hostVeths(ours)).toEqual([]);
    expect(linkNamed(containerOf(ours), 'eth0')).toBeUndefined();
    expect(hostVeths(go)).toHaveLength(1);
  });

  test('forceAddress replaces the conflicting bridge address', () => {
    const world = worlds.create();
    world.host.exec(['ip', 'link', 'add', 'pur-br0', 'type', 'bridge']);
    world.host.exec(['ip', 'addr', 'add', '10.244.50.99/24', 'dev', 'pur-br0']);
    const add = run(
      world,
      worlds.bin,
      'ADD',
      dualStackConfig(world.dataDir, { forceAddress: true }),
    );
    expect(add.exitCode).toBe(0);
    const addrs = world.host.exec(['ip', '-o', '-4', 'addr', 'show', 'dev', 'pur-br0']);
    expect(addrs).toContain('10.244.50.1/24');
    expect(addrs).not.toContain('10.244.50.99');
  });

  test('an IPAM default route without gw plus isDefaultGateway works (Go: file exists)', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const withRoutes = (world: PluginWorld) => {
      const config = dualStackConfig(world.dataDir);
      const ipam = config.ipam as Record<string, unknown>;
      return { ...config, ipam: { ...ipam, routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }] } };
    };
    const add = run(ours, worlds.bin, 'ADD', withRoutes(ours));
    expect(add.exitCode).toBe(0);
    expect(add.json).toMatchObject({ routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }] });
    expect(containerOf(ours).exec(['ip', 'route', 'show', 'default'])).toContain(
      'default via 10.244.50.1 dev eth0',
    );
    failed(run(go, GO_PLUGIN_DIR, 'ADD', withRoutes(go)), 999, /file exists$/);
  });

  test('a bridge left with an all-zero MAC gets a usable one (Go fails on it)', () => {
    const ours = worlds.create();
    const go = worlds.create();
    for (const world of [ours, go]) {
      // An unpinned bridge follows its ports' MACs and reports zeros once the last goes.
      world.host.exec(['ip', 'link', 'add', 'pur-br0', 'type', 'bridge']);
      world.host.exec(['ip', 'link', 'add', 'pur-tmp', 'type', 'veth', 'peer', 'name', 'pur-tmpp']);
      world.host.exec(['ip', 'link', 'set', 'pur-tmp', 'master', 'pur-br0']);
      world.host.exec(['ip', 'link', 'del', 'pur-tmp']);
      expect(linkNamed(world.host, 'pur-br0')?.address).toBe('00:00:00:00:00:00');
    }
    const add = run(ours, worlds.bin, 'ADD', dualStackConfig(ours.dataDir));
    expect(add.exitCode).toBe(0);
    expect(linkNamed(ours.host, 'pur-br0')?.address).not.toBe('00:00:00:00:00:00');
    failed(
      run(go, GO_PLUGIN_DIR, 'ADD', dualStackConfig(go.dataDir)),
      999,
      "failed to set bridge addr: could not set bridge's mac: invalid argument",
    );
  });
});
