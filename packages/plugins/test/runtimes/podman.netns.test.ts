// Our plugins under podman 4.3's CNI backend (Go libcni inside podman): `podman run
// --rootfs` with a busybox rootfs on bridge, ptp and macvlan networks with host-local,
// checked from inside the container (address, routes, ping), from the host namespace (host
// veth, masquerade rules, host-local reservation, libcni cache) and after podman's teardown.
// Every case also runs against Debian's Go plugins, as the control.
import { afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { createPluginWorld, type PluginWorld } from '../_world.ts';
import { implementations, titled } from './_implementations.ts';
import { filterRules, linkLine, linkMac, linkNames, natRules, qdiscs } from './_inspect.ts';
import { machineNetworkState } from './_machine-state.ts';
import { createPodmanSandbox, type PodmanSandbox, podmanSkipReason } from './_podman.ts';
import { parsePodmanNetwork, readCacheFile } from './_shapes.ts';

useTimeLimit('slow');

const skip = podmanSkipReason();
const cleanups: Array<() => void> = [];
let machineBefore: Record<string, string> | undefined;
const MACHINE_LIBCNI_CACHE = '/var/lib/cni';
const machineCacheExisted = existsSync(MACHINE_LIBCNI_CACHE);

beforeAll(() => {
  if (skip === null) machineBefore = machineNetworkState();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const NETWORK = 'cnitsnet';
const BRIDGE = 'cnits-pd0';
const SUBNET_PREFIX = '10.214.0';
const GATEWAY = `${SUBNET_PREFIX}.1`;

/** A network podman attaches containers to: its main plugin, with host-local. */
interface NetworkCase {
  readonly label: string;
  readonly types: readonly string[];
  /** The main plugin's config, without ipam. */
  readonly plugin: Readonly<Record<string, unknown>>;
  /** The host namespace's links once every container is gone. */
  readonly hostLinksAfter: readonly string[];
  /** The master of the host-side veth, if any. */
  readonly master?: string;
  /** False when the container's interface has no host-side veth (macvlan). */
  readonly hostVeth: boolean;
  /** True when the plugin masquerades the containers' addresses. */
  readonly masquerade: boolean;
  /** Prepares the world's host namespace (a macvlan master and the gateway behind it). */
  readonly prepareHost?: (world: PluginWorld) => void;
  /** Plugins chained after the main one, in order. */
  readonly chained?: readonly Readonly<Record<string, unknown>>[];
}

const networks: readonly NetworkCase[] = [
  {
    label: 'bridge + host-local',
    types: ['bridge', 'host-local'],
    plugin: { type: 'bridge', bridge: BRIDGE, isGateway: true, ipMasq: true },
    hostLinksAfter: [BRIDGE, 'lo'],
    master: BRIDGE,
    hostVeth: true,
    masquerade: true,
  },
  {
    // podman's `podman network create` chain (bridge, portmap, firewall, tuning), with
    // bandwidth after it as in reference §6.7: every plugin from the one directory.
    label: 'bridge → portmap → firewall → tuning → bandwidth',
    types: ['bridge', 'host-local', 'portmap', 'firewall', 'tuning', 'bandwidth'],
    plugin: { type: 'bridge', bridge: BRIDGE, isGateway: true, ipMasq: true },
    chained: [
      { type: 'portmap', capabilities: { portMappings: true } },
      { type: 'firewall' },
      { type: 'tuning' },
      {
        type: 'bandwidth',
        ingressRate: 8_000_000,
        ingressBurst: 80_000,
        egressRate: 8_000_000,
        egressBurst: 80_000,
      },
    ],
    hostLinksAfter: [BRIDGE, 'lo'],
    master: BRIDGE,
    hostVeth: true,
    masquerade: true,
  },
  {
    label: 'ptp + host-local',
    types: ['ptp', 'host-local'],
    plugin: { type: 'ptp', ipMasq: true },
    hostLinksAfter: ['lo'],
    hostVeth: true,
    masquerade: true,
  },
  {
    label: 'macvlan + host-local',
    types: ['macvlan', 'host-local'],
    plugin: { type: 'macvlan', master: 'cnits-mvm0', mode: 'bridge' },
    hostLinksAfter: ['cnits-mvm0', 'cnits-mvm1', 'lo'],
    hostVeth: false,
    masquerade: false,
    // The master is a veth whose peer holds the gateway address.
    prepareHost: (world) => {
      world.host.exec([
        'ip',
        'link',
        'add',
        'cnits-mvm0',
        'type',
        'veth',
        'peer',
        'name',
        'cnits-mvm1',
      ]);
      world.host.exec(['ip', 'link', 'set', 'cnits-mvm0', 'up']);
      world.host.exec(['ip', 'addr', 'add', `${GATEWAY}/24`, 'dev', 'cnits-mvm1']);
      world.host.exec(['ip', 'link', 'set', 'cnits-mvm1', 'up']);
    },
  },
];

interface Setup {
  readonly world: PluginWorld;
  readonly sandbox: PodmanSandbox;
  readonly network: NetworkCase;
}

function setup(pluginDir: string, network: NetworkCase): Setup {
  const world = createPluginWorld(0);
  cleanups.push(() => world.remove());
  network.prepareHost?.(world);
  const sandbox = createPodmanSandbox(world, pluginDir);
  cleanups.push(() => sandbox.remove());
  sandbox.addNetwork({
    cniVersion: '1.0.0',
    name: NETWORK,
    plugins: [
      {
        ...network.plugin,
        ipam: {
          type: 'host-local',
          dataDir: world.dataDir,
          ranges: [[{ subnet: `${SUBNET_PREFIX}.0/24` }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
      // The firewall's attachment records in the world, not the machine's /run/cni.
      ...(network.chained ?? []).map((plugin) =>
        plugin.type === 'firewall' ? { ...plugin, dataDir: join(world.dir, 'firewall') } : plugin,
      ),
    ],
  });
  return { world, sandbox, network };
}

function reservations(world: PluginWorld): string[] {
  const dir = join(world.dataDir, NETWORK);
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith(SUBNET_PREFIX)) : [];
}

function cacheFile({ sandbox }: Setup, containerId: string): string {
  return join(sandbox.libcniCacheDir, 'results', `${NETWORK}-${containerId}-eth0`);
}

/** The host side after podman tore the network down. */
function expectTornDown(s: Setup, containerIds: readonly string[]): void {
  expect(linkNames(s.world.host).sort()).toEqual([...s.network.hostLinksAfter].sort());
  expect(natRules(s.world.host)).not.toContain(SUBNET_PREFIX);
  expect(reservations(s.world)).toEqual([]);
  for (const id of containerIds) expect(existsSync(cacheFile(s, id))).toBe(false);
}

function runDetached(s: Setup, name: string): string {
  const started = s.sandbox.podman([
    'run',
    '--detach',
    '--name',
    name,
    ...s.sandbox.runFlags,
    '--network',
    NETWORK,
    '--rootfs',
    s.sandbox.rootfs,
    'sleep',
    '600',
  ]);
  expect(started.stderr).toBe('');
  expect(started.exitCode).toBe(0);
  return started.stdout.trim();
}

for (const network of networks) {
  for (const impl of implementations) {
    const reason = skip ?? impl.missing(network.types);
    describe.skipIf(reason !== null)(
      titled(`podman 4.3 (CNI backend) on ${network.label}: ${impl.label}`, reason),
      () => {
        test('podman run --rm: the container has its address and routes, pings the gateway; teardown removes everything', () => {
          const s = setup(impl.dir(), network);
          const ran = s.sandbox.podman([
            'run',
            '--rm',
            ...s.sandbox.runFlags,
            '--network',
            NETWORK,
            '--rootfs',
            s.sandbox.rootfs,
            'sh',
            '-c',
            `ip -4 addr show eth0 && ip -4 route && ping -c 1 -W 5 ${GATEWAY}`,
          ]);
          expect(ran.stderr).toBe('');
          expect(ran.exitCode).toBe(0);
          expect(ran.stdout).toContain(`inet ${SUBNET_PREFIX}.2/24`);
          expect(ran.stdout).toContain(`default via ${GATEWAY} dev eth0`);
          expect(ran.stdout).toContain('1 packets received');
          expectTornDown(s, []);
        });

        test('two running containers: podman reads our results, they reach each other, podman rm tears down', () => {
          const s = setup(impl.dir(), network);
          const ids = [runDetached(s, 'c1'), runDetached(s, 'c2')];
          expect(reservations(s.world).sort()).toEqual([
            `${SUBNET_PREFIX}.2`,
            `${SUBNET_PREFIX}.3`,
          ]);

          const inspected = s.sandbox.podman([
            'inspect',
            '--format',
            `{{json .NetworkSettings.Networks.${NETWORK}}}`,
            'c1',
          ]);
          expect(inspected.exitCode).toBe(0);
          const settings = parsePodmanNetwork(inspected.stdout);
          expect(settings).toMatchObject({
            IPAddress: `${SUBNET_PREFIX}.2`,
            IPPrefixLen: 24,
            Gateway: GATEWAY,
          });
          const inside = s.sandbox.podman(['exec', 'c1', 'ip', '-o', 'link', 'show', 'eth0']);
          expect(inside.stdout).toContain(`link/ether ${settings.MacAddress}`);

          // libcni's cache file (in podman's private /var/lib/cni) holds our result.
          const cached = readCacheFile(cacheFile(s, ids[0] ?? ''));
          const interfaces = cached.result.interfaces ?? [];
          const eth0 = interfaces.findIndex((link) => link.sandbox !== undefined);
          expect(interfaces[eth0]?.mac).toBe(settings.MacAddress);
          expect(cached.result.ips).toEqual([
            { address: `${SUBNET_PREFIX}.2/24`, gateway: GATEWAY, interface: eth0 },
          ]);
          if (network.hostVeth) {
            const hostVeth = interfaces[eth0 - 1];
            expect(linkMac(s.world.host, hostVeth?.name ?? '-')).toBe(hostVeth?.mac);
            if (network.master !== undefined) {
              expect(linkLine(s.world.host, hostVeth?.name ?? '-')).toContain(
                `master ${network.master}`,
              );
            }
          }
          if (network.masquerade) {
            expect(natRules(s.world.host)).toContain(`${SUBNET_PREFIX}.2`);
            expect(natRules(s.world.host)).toContain(`${SUBNET_PREFIX}.3`);
          }
          if (network.chained !== undefined) {
            // Each chained plugin did its part: firewall's per-address rules, bandwidth's tbf.
            const hostVeth = interfaces[eth0 - 1];
            expect(filterRules(s.world.host)).toContain(`-A CNI-FORWARD -d ${SUBNET_PREFIX}.2/32`);
            expect(qdiscs(s.world.host, hostVeth?.name ?? '-')).toContain('qdisc tbf 1:');
          }

          const ping = s.sandbox.podman([
            'exec',
            'c1',
            'ping',
            '-c',
            '1',
            '-W',
            '5',
            `${SUBNET_PREFIX}.3`,
          ]);
          expect(ping.stdout).toContain('1 packets received');
          expect(ping.exitCode).toBe(0);

          const removed = s.sandbox.podman(['rm', '--force', '--time', '0', 'c1', 'c2']);
          expect(removed.stderr).toBe('');
          expect(removed.exitCode).toBe(0);
          expectTornDown(s, ids);
        });
      },
    );
  }
}

describe.skipIf(skip !== null)(titled('podman runs left the machine alone', skip), () => {
  test("the machine's network namespace is unchanged after every podman test", () => {
    expect(machineBefore).toBeDefined();
    expect(machineNetworkState()).toEqual(machineBefore ?? {});
  });

  test("podman's libcni never wrote the machine's /var/lib/cni", () => {
    expect(existsSync(MACHINE_LIBCNI_CACHE)).toBe(machineCacheExisted);
  });
});
