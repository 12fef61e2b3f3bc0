// The common setup of the link plugins' namespace tests (dummy, ipvlan, vlan, tap, macvlan):
// worlds (with the master m0 when the plugin needs one), runs of the plugin against a
// container, the container's link names, and the checks every one of them makes.
import { describe, expect, test } from 'bun:test';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { ip, reservedAddresses } from './_kernel-state.ts';
import { useWorlds, type WorldsSetup } from './_use-worlds.ts';
import {
  containerOf,
  GO_PLUGIN_DIR,
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
} from './_world.ts';

/** The master the child-link plugins' tests use: a veth in the world's host namespace. */
export const MASTER = 'm0';

/** Makes the master (m0, peer m1, both up) in the world's host namespace. */
export function addMaster(world: PluginWorld, mtu = 1500): void {
  const veth = ['type', 'veth', 'peer', 'name', 'm1'];
  world.host.exec(['ip', 'link', 'add', MASTER, 'mtu', String(mtu), ...veth]);
  world.host.exec(['ip', 'link', 'set', MASTER, 'up']);
  world.host.exec(['ip', 'link', 'set', 'm1', 'up']);
}

/** The names of the links in a namespace. */
export function linkNames(ns: TestNetns): string[] {
  return ip(ns, '-o', 'link', 'show').map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1] ?? line);
}

/** A run's options: the runner's, and which container (default the first). */
export type LinkRunOptions = Partial<RunPluginOptions> & { readonly container?: number };

export interface LinkPluginWorldsOptions {
  /** The plugin (its file name and the config's type). */
  readonly type: string;
  /** CNI_CONTAINERID of a run against the n-th container. */
  readonly containerId: (container: number) => string;
  /** Give each world's host the master m0 (see {@link addMaster}). */
  readonly master?: boolean;
}

/** The setup of a link plugin's namespace test file, from {@link useLinkPluginWorlds}. */
export interface LinkPluginWorlds {
  readonly worlds: WorldsSetup;
  /** Why the file's tests cannot run here, or null. */
  readonly skip: string | null;
  /** A world (with its master, when asked for), removed after the test. */
  create(containers?: number): PluginWorld;
  /** Runs one command of the plugin in the world's host against a container. */
  run(
    world: PluginWorld,
    command: RunPluginOptions['command'],
    config: object,
    more?: LinkRunOptions,
  ): PluginRun;
  /** The link names in the world's n-th container. */
  names(world: PluginWorld, container?: number): string[];
}

/** The common setup of a link plugin's namespace test file; call it once at the top. */
export function useLinkPluginWorlds(options: LinkPluginWorldsOptions): LinkPluginWorlds {
  const worlds = useWorlds();
  return {
    worlds,
    skip: worlds.skip,
    create(containers = 1) {
      const world = worlds.create(containers);
      if (options.master === true) addMaster(world);
      return world;
    },
    run(world, command, config, more = {}) {
      const { container = 0, ...rest } = more;
      return runPlugin({
        binDir: worlds.bin,
        type: options.type,
        command,
        config,
        host: world.host,
        netns: world.containers[container]?.path ?? '',
        containerId: options.containerId(container),
        ...rest,
      });
    },
    names: (world, container = 0) => linkNames(containerOf(world, container)),
  };
}

/** Nothing left of an attachment: the container has only lo, IPAM no reservation. */
export function expectNothingLeft(tests: LinkPluginWorlds, world: PluginWorld, network: string) {
  expect(tests.names(world)).toEqual(['lo']);
  expect(reservedAddresses(world.dataDir, network)).toEqual([]);
}

/** DEL succeeds, twice, with the container's netns, a netns that is gone, and none. */
export function expectDelWithNothingThere(
  tests: LinkPluginWorlds,
  world: PluginWorld,
  config: object,
): void {
  for (const netns of [world.containers[0]?.path ?? '', `${world.dir}/gone`, '']) {
    for (let i = 0; i < 2; i++) {
      const del = tests.run(world, 'DEL', config, { netns });
      expect(del.stdout).toBe('');
      expect(del.exitCode).toBe(0);
    }
  }
}

/** An ADD that fails (exit 1) and takes back the link and the reservation. */
function expectAddUndone(
  tests: LinkPluginWorlds,
  world: PluginWorld,
  config: object,
  network: string,
): void {
  expect(tests.run(world, 'ADD', config).exitCode).toBe(1);
  expectNothingLeft(tests, world, network);
}

/**
 * A refused ADD: exit 1, code 999 and `msg`, and nothing left. With `go`, Go's plugin
 * refuses the same config with the same text.
 */
export function expectAddRefused(
  tests: LinkPluginWorlds,
  world: PluginWorld,
  refused: { readonly config: object; readonly network: string; readonly msg: string },
  go = false,
): void {
  const { config, network, msg } = refused;
  const ours = tests.run(world, 'ADD', config);
  expect(ours.exitCode).toBe(1);
  expect(ours.json).toMatchObject({ code: 999, msg });
  if (go) {
    const theirs = tests.run(world, 'ADD', config, { binDir: GO_PLUGIN_DIR });
    expect(theirs.json).toMatchObject({ code: 999, msg });
  }
  expectNothingLeft(tests, world, network);
}

/** What the shared tests of a link plugin (dummy, ipvlan, vlan) need to know of it. */
export interface LinkTestSubject {
  /** The link kind, as the plugin's type and error texts name it. */
  readonly kind: string;
  /** Why this kernel cannot make the kind, or null when it can. */
  readonly kindSkip: string | null;
  /** The config's network name (host-local's reservations are kept under it). */
  readonly network: string;
  /** host-local's subnet in the config. */
  readonly subnet: string;
  /** A config (on the world's master) with host-local in `dataDir`, and `extra` keys. */
  readonly config: (dataDir: string, extra?: Record<string, unknown>) => object;
}

/** Registers the DEL test of a child-link plugin: the netns, the link or the master gone. */
export function testDelWithMasterGone(tests: LinkPluginWorlds, subject: LinkTestSubject) {
  test('DEL with the netns, the link or the master gone succeeds, twice', () => {
    const w = tests.create();
    w.host.exec(['ip', 'link', 'del', MASTER]);
    expectDelWithNothingThere(tests, w, subject.config(w.dataDir));
  });
}

/** Registers the tests of a kernel without the kind: ADD fails as Go's, nothing left. */
export function describeKernelWithoutKind(tests: LinkPluginWorlds, subject: LinkTestSubject) {
  const { kind, kindSkip, network } = subject;
  describe.skipIf(tests.skip !== null || kindSkip === null)(
    `${kind} on a kernel without ${kind}${kindSkip === null ? ' (skipped: this kernel has it)' : ''}`,
    () => {
      test('ADD fails as Go does (operation not supported), no link and no reservation left', () => {
        const w = tests.create();
        const msg = `failed to create ${kind}: operation not supported`;
        expectAddRefused(tests, w, { config: subject.config(w.dataDir), network, msg }, true);
      });
    },
  );
}

/** Registers the test of an ADD that fails late (a route through an unknown gateway). */
export function testAddUndoneOnBadRoute(tests: LinkPluginWorlds, subject: LinkTestSubject) {
  test('a failed ADD (route through an unknown gateway) takes back the link and the address', () => {
    const w = tests.create();
    const conf = subject.config(w.dataDir, {
      ipam: {
        type: 'host-local',
        dataDir: w.dataDir,
        subnet: subject.subnet,
        routes: [{ dst: '10.99.0.0/16', gw: '10.98.0.1' }],
      },
    });
    expectAddUndone(tests, w, conf, subject.network);
  });
}
