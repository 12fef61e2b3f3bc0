import { describe, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../plugin-kit/src/testing/run-command.ts';
import { useTimeLimit } from '../../plugin-kit/src/testing/time-limits.ts';
import type { DriverOp, DriverOutcome } from './_go-driver.ts';
import {
  addresses,
  cacheFiles,
  containerAddress,
  GO_PLUGIN_DIR,
  type GoResult,
  goPluginsSkipReason,
  inWorld,
  ipamReservations,
  ipOf,
  links,
  masqueradeChains,
  natTable,
  ping,
  routes,
  veths,
  type World,
} from './_go-netns.ts';

useTimeLimit('netns');

// libcni drives Debian's Go reference plugins (containernetworking-plugins 1.1.1) for real.
// Each test builds a throwaway world: a "host" namespace in which the runtime side runs
// (tests/_go-driver.ts under `ip netns exec`), two container namespaces and a scratch
// directory (configs, result cache, host-local and tuning state). Removing the world
// removes every bridge, veth, rule and file the plugins made. Private addresses only.

const DRIVER = join(import.meta.dir, '_go-driver.ts');
const skipReason = goPluginsSkipReason();

/** CniConfig options a test may change, and the plugin path (default the Go plugins). */
interface DriveOptions {
  readonly negotiateWithPlugins?: boolean;
  readonly cniPath?: readonly string[];
}

/** Runs operations through libcni inside the world's host namespace. */
function drive(
  world: World,
  ops: readonly DriverOp[],
  options: DriveOptions = {},
): DriverOutcome[] {
  const request = {
    confDir: world.confDir,
    cacheDir: world.cacheDir,
    cniPath: [GO_PLUGIN_DIR],
    ops,
    ...options,
  };
  const { stdout } = runCommand([
    'ip',
    'netns',
    'exec',
    world.host.name,
    process.execPath,
    DRIVER,
    JSON.stringify(request),
  ]);
  return JSON.parse(stdout) as DriverOutcome[];
}

/** The results of operations that must all succeed. */
function succeed(world: World, ops: readonly DriverOp[], options: DriveOptions = {}): unknown[] {
  const outcomes = drive(world, ops, options);
  outcomes.forEach((outcome, index) => {
    if (!outcome.ok) throw new Error(`${ops[index]?.op} failed: ${outcome.error.message}`);
  });
  return outcomes.map((outcome) => (outcome.ok ? outcome.result : undefined));
}

/** An operation on the attachment of container `ns` to `network`. */
function attach(
  op: DriverOp['op'],
  world: World,
  network: string,
  ns: 'a' | 'b',
  extra: { ifName?: string; capabilityArgs?: Record<string, unknown> } = {},
): DriverOp {
  const containerId = `cid-${ns}-${world.id}`;
  return { op, network, containerId, netns: world[ns].path, ifName: 'eth0', ...extra };
}

function bridgePlugin(world: World, bridge: string, ranges: string[]): object {
  return {
    type: 'bridge',
    bridge,
    isGateway: true,
    isDefaultGateway: true,
    ipMasq: true,
    ipam: {
      type: 'host-local',
      dataDir: world.ipamDir,
      ranges: ranges.map((subnet) => [{ subnet }]),
    },
  };
}

const SERVER = `Bun.serve({ port: 80, hostname: '0.0.0.0', fetch: () => new Response('hello from A') });
console.log('ready');`;
const CLIENT = 'console.log(await (await fetch(process.argv[1] ?? "")).text());';

/** Serves HTTP on port 80 in container A while `body` runs (the server is killed by PID). */
async function withServerInA(world: World, body: () => void): Promise<void> {
  const server = Bun.spawn(['ip', 'netns', 'exec', world.a.name, process.execPath, '-e', SERVER], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  try {
    const decoder = new TextDecoder();
    let out = '';
    for await (const chunk of server.stdout) {
      out += decoder.decode(chunk);
      if (out.includes('ready')) break;
    }
    body();
  } finally {
    server.kill();
    await server.exited;
  }
}

/** An HTTP GET from container B. */
function fetchFromB(world: World, url: string): string {
  return world.b.exec([process.execPath, '-e', CLIENT, url]).trim();
}

/** Everything DEL must leave clean for `network` in the world. */
function expectDetached(world: World, network: string, bridge?: string): void {
  expect(veths(world.host)).toEqual([]);
  expect(veths(world.a)).toEqual([]);
  expect(veths(world.b)).toEqual([]);
  expect(masqueradeChains(world.host, 4)).toEqual([]);
  expect(masqueradeChains(world.host, 6)).toEqual([]);
  expect(ipamReservations(world, network)).toEqual([]);
  expect(cacheFiles(world)).toEqual([]);
  // The bridge stays (as upstream); it has no ports left.
  if (bridge) expect(links(world.host).filter((l) => l.master === bridge)).toEqual([]);
}

describe.skipIf(skipReason !== null)(
  `libcni with the Go reference plugins${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    test(
      '0.3.1: loopback, bridge + host-local with ipMasq; no CHECK; DEL cleans up',
      inWorld((world) => {
        const bridge = `gb31${world.id}`;
        const lo = `lo031-${world.id}`;
        const net = `br031-${world.id}`;
        world.write('10-lo.conflist', {
          cniVersion: '0.3.1',
          name: lo,
          plugins: [{ type: 'loopback' }],
        });
        world.write('20-br.conflist', {
          cniVersion: '0.3.1',
          name: net,
          plugins: [bridgePlugin(world, bridge, ['10.88.31.0/24'])],
        });
        const [loResult, resultA, resultB] = succeed(world, [
          attach('add', world, lo, 'a', { ifName: 'lo' }),
          attach('add', world, net, 'a'),
          attach('add', world, net, 'b'),
        ]) as GoResult[];

        expect(loResult).toMatchObject({ cniVersion: '0.3.1', interfaces: [{ name: 'lo' }] });
        expect(resultA?.cniVersion).toBe('0.3.1');
        expect(resultA?.ips?.[0]).toMatchObject({
          version: '4',
          interface: 2,
          gateway: '10.88.31.1',
        });
        const [ipA, ipB] = [
          containerAddress(resultA as GoResult),
          containerAddress(resultB as GoResult),
        ];
        expect(addresses(world.a, 'eth0')).toEqual([ipA]);
        expect(addresses(world.b, 'eth0')).toEqual([ipB]);
        expect(addresses(world.host, bridge)).toEqual(['10.88.31.1/24']);
        expect(veths(world.host).map((link) => link.master)).toEqual([bridge, bridge]);
        expect(routes(world.a, 4)).toContainEqual(
          expect.objectContaining({ dst: 'default', gateway: '10.88.31.1', dev: 'eth0' }),
        );
        expect(masqueradeChains(world.host, 4)).toHaveLength(2);
        expect(natTable(world.host, 4)).toContain(`-A POSTROUTING -s ${ipOf(ipA)}/32`);
        expect(ipamReservations(world, net).sort()).toEqual([ipOf(ipA), ipOf(ipB)].sort());
        expect(cacheFiles(world)).toHaveLength(3);
        expect(ping(world.a, ipOf(ipB))).toBe(true);

        const [check] = drive(world, [attach('check', world, net, 'a')]);
        expect(check).toEqual({
          ok: false,
          error: {
            name: 'CheckNotSupportedError',
            message: 'configuration version "0.3.1" does not support the CHECK command',
          },
        });

        succeed(world, [
          attach('del', world, net, 'a'),
          attach('del', world, net, 'b'),
          attach('del', world, lo, 'a', { ifName: 'lo' }),
          // DEL is idempotent.
          attach('del', world, net, 'b'),
        ]);
        expectDetached(world, net, bridge);
        expect(links(world.a).map((link) => link.ifname)).toEqual(['lo']);
      }),
    );

    test(
      '0.4.0: ptp + host-local with ipMasq; routed ping, CHECK, DEL cleans up',
      inWorld((world) => {
        const net = `ptp040-${world.id}`;
        world.write('10-ptp.conflist', {
          cniVersion: '0.4.0',
          name: net,
          plugins: [
            {
              type: 'ptp',
              ipMasq: true,
              ipam: {
                type: 'host-local',
                dataDir: world.ipamDir,
                ranges: [[{ subnet: '10.88.40.0/24' }]],
                routes: [{ dst: '0.0.0.0/0' }],
              },
            },
          ],
        });
        const [resultA, resultB] = succeed(world, [
          attach('add', world, net, 'a'),
          attach('add', world, net, 'b'),
        ]) as GoResult[];
        expect(resultA?.cniVersion).toBe('0.4.0');
        expect(resultA?.interfaces?.map((intf) => intf.name)).toEqual([
          expect.stringMatching(/^veth/),
          'eth0',
        ]);
        const [ipA, ipB] = [
          containerAddress(resultA as GoResult),
          containerAddress(resultB as GoResult),
        ];
        expect(addresses(world.a, 'eth0')).toEqual([ipA]);
        const hostVeths = veths(world.host);
        expect(hostVeths).toHaveLength(2);
        for (const veth of hostVeths)
          expect(addresses(world.host, veth.ifname)).toEqual(['10.88.40.1/32']);
        expect(
          routes(world.host, 4)
            .map((route) => route.dst)
            .sort(),
        ).toEqual([ipOf(ipA), ipOf(ipB)].sort());
        expect(routes(world.a, 4)).toContainEqual(
          expect.objectContaining({ dst: 'default', gateway: '10.88.40.1' }),
        );
        expect(masqueradeChains(world.host, 4)).toHaveLength(2);
        expect(ping(world.a, ipOf(ipB))).toBe(true);

        succeed(world, [
          attach('check', world, net, 'a'),
          attach('check', world, net, 'b'),
          attach('del', world, net, 'a'),
          attach('del', world, net, 'b'),
        ]);
        expectDetached(world, net);
        expect(routes(world.host, 4)).toEqual([]);
      }),
    );

    test(
      '1.0.0: dual-stack bridge; ping over both families, CHECK finds tampering, DEL and GC clean up',
      inWorld((world) => {
        const bridge = `gb10${world.id}`;
        const net = `br100-${world.id}`;
        world.write('10-br.conflist', {
          cniVersion: '1.0.0',
          name: net,
          plugins: [bridgePlugin(world, bridge, ['10.88.100.0/24', 'fd00:88:100::/64'])],
        });
        const [resultA, resultB] = succeed(world, [
          attach('add', world, net, 'a'),
          attach('add', world, net, 'b'),
        ]) as GoResult[];
        expect(resultA?.cniVersion).toBe('1.0.0');
        expect(resultA?.ips).toHaveLength(2);
        for (const ip of resultA?.ips ?? []) expect(ip).not.toHaveProperty('version');
        expect(resultA?.interfaces?.[2]).toEqual(
          expect.objectContaining({ name: 'eth0', sandbox: world.a.path }),
        );
        const a4 = containerAddress(resultA as GoResult, 4);
        const a6 = containerAddress(resultA as GoResult, 6);
        const b4 = containerAddress(resultB as GoResult, 4);
        const b6 = containerAddress(resultB as GoResult, 6);
        expect(addresses(world.a, 'eth0').sort()).toEqual([a4, a6].sort());
        expect(addresses(world.host, bridge).sort()).toEqual([
          '10.88.100.1/24',
          'fd00:88:100::1/64',
        ]);
        expect(routes(world.a, 6)).toContainEqual(
          expect.objectContaining({ dst: 'default', gateway: 'fd00:88:100::1' }),
        );
        expect(masqueradeChains(world.host, 4)).toHaveLength(2);
        expect(masqueradeChains(world.host, 6)).toHaveLength(2);
        expect(natTable(world.host, 6)).toContain(`-A POSTROUTING -s ${ipOf(b6)}/128`);
        expect(ping(world.a, ipOf(b4))).toBe(true);
        expect(ping(world.a, ipOf(b6))).toBe(true);

        succeed(world, [attach('check', world, net, 'a'), attach('check', world, net, 'b')]);
        // Tamper with A's interface: CHECK notices; put it back and CHECK passes again.
        const mac = resultA?.interfaces?.[2]?.mac ?? '';
        world.a.exec(['ip', 'link', 'set', 'eth0', 'address', '02:88:00:00:be:ef']);
        const [tampered] = drive(world, [attach('check', world, net, 'a')]);
        expect(tampered?.ok).toBe(false);
        expect(tampered?.ok === false && tampered.error.message).toStartWith(
          `plugin type="bridge" failed (check): Interface eth0 Mac ${mac} doesn't match`,
        );
        world.a.exec(['ip', 'link', 'set', 'eth0', 'address', mac]);
        succeed(world, [attach('check', world, net, 'a')]);

        // DEL one; GC (no valid attachments, as cnitool sends it) deletes the other.
        succeed(world, [attach('del', world, net, 'a')]);
        expect(cacheFiles(world)).toEqual([`${net}-cid-b-${world.id}-eth0`]);
        succeed(world, [{ op: 'gc', network: net }]);
        expectDetached(world, net, bridge);
      }),
    );

    test(
      'a list with cniVersions runs at 1.0.0: bridge -> portmap -> tuning with capabilities',
      inWorld(async (world) => {
        const bridge = `gbch${world.id}`;
        const net = `chain-${world.id}`;
        // A 1.1.0-style list: no single cniVersion, the versions it is written for instead.
        // libcni picks the highest one it knows; 1.0.0 is what the Go plugins speak.
        world.write('10-chain.conflist', {
          cniVersions: ['0.3.1', '0.4.0', '1.0.0'],
          name: net,
          plugins: [
            bridgePlugin(world, bridge, ['10.88.110.0/24', 'fd00:88:110::/64']),
            { type: 'portmap', snat: true, capabilities: { portMappings: true } },
            { type: 'tuning', mtu: 1400, dataDir: world.tuningDir, capabilities: { mac: true } },
          ],
        });
        const capabilityArgs = {
          portMappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }],
          mac: '02:88:aa:00:00:01',
        };
        const [resultA] = succeed(world, [
          { op: 'validate', network: net },
          attach('add', world, net, 'a', { capabilityArgs }),
        ]).slice(1) as GoResult[];
        expect(resultA?.cniVersion).toBe('1.0.0');
        expect(resultA?.interfaces?.find((intf) => intf.name === 'eth0')?.mac).toBe(
          '02:88:aa:00:00:01',
        );
        const ipA = ipOf(containerAddress(resultA as GoResult));
        const eth0 = links(world.a).find((link) => link.ifname === 'eth0');
        expect(eth0).toMatchObject({ mtu: 1400, address: '02:88:aa:00:00:01' });
        const nat = natTable(world.host, 4);
        expect(nat).toContain('-A CNI-HOSTPORT-DNAT');
        expect(nat).toMatch(
          new RegExp(`--dport 18080 -j DNAT --to-destination ${ipA.replaceAll('.', '\\.')}:80`),
        );
        const cached = JSON.parse(
          readFileSync(join(world.cacheDir, 'results', `${net}-cid-a-${world.id}-eth0`), 'utf8'),
        ) as { result: GoResult; capabilityArgs: unknown };
        expect(cached.result.cniVersion).toBe('1.0.0');
        expect(cached.capabilityArgs).toEqual(capabilityArgs);

        // The port mapping works: B reaches A's port 80 through the host's port 18080.
        succeed(world, [attach('add', world, net, 'b')]);
        await withServerInA(world, () => {
          expect(fetchFromB(world, 'http://10.88.110.1:18080/')).toBe('hello from A');
        });
        succeed(world, [attach('del', world, net, 'b')]);

        // CHECK: with the port mappings, portmap 1.1.1 looks for the IPv4 rules in the IPv6
        // table and fails (fixed upstream after 1.1.1); without them every plugin passes.
        const [checkWithPorts, checkWithoutPorts] = drive(world, [
          attach('check', world, net, 'a', { capabilityArgs }),
          attach('check', world, net, 'a', { capabilityArgs: { mac: capabilityArgs.mac } }),
        ]);
        expect(checkWithPorts?.ok === false && checkWithPorts.error.message).toStartWith(
          'plugin type="portmap" failed (check): could not check ipv6 dnat',
        );
        expect(checkWithoutPorts).toEqual({ ok: true });
        succeed(world, [attach('del', world, net, 'a', { capabilityArgs })]);
        expectDetached(world, net, bridge);
        expect(natTable(world.host, 4)).not.toContain('CNI-DN-');
        expect(natTable(world.host, 6)).not.toContain('CNI-DN-');
      }),
    );

    test(
      'a 1.1.0 list with cniVersions lands on 1.0.0, what the Go plugins speak',
      inWorld((world) => {
        const bridge = `gb11${world.id}`;
        const net = `br110-${world.id}`;
        world.write('10-br.conflist', {
          cniVersion: '1.1.0',
          cniVersions: ['1.0.0', '1.1.0'],
          name: net,
          plugins: [bridgePlugin(world, bridge, ['10.88.111.0/24'])],
        });
        // libcni asks every plugin for VERSION (the spec allows it) and picks the highest
        // version of cniVersion ∪ cniVersions they all support: 1.0.0 for Debian's 1.1.1.
        const [validate, add, check] = succeed(world, [
          { op: 'validate', network: net },
          attach('add', world, net, 'a'),
          attach('check', world, net, 'a'),
        ]);
        expect(validate).toEqual([]); // validated at 1.0.0; the bridge asks for no capabilities
        expect(add).toMatchObject({ cniVersion: '1.0.0' });
        expect(check).toBeUndefined();
        const [cached] = cacheFiles(world);
        expect(cached).toBe(`${net}-cid-a-${world.id}-eth0`);
        succeed(world, [attach('del', world, net, 'a')]);
        expectDetached(world, net, bridge);
      }),
    );

    test(
      'one runtime process asks the bridge for VERSION once, whatever it runs on the list',
      inWorld((world) => {
        const bridge = `gb13${world.id}`;
        const net = `br113-${world.id}`;
        world.write('10-br.conflist', {
          cniVersion: '1.1.0',
          cniVersions: ['1.0.0', '1.1.0'],
          name: net,
          plugins: [bridgePlugin(world, bridge, ['10.88.113.0/24'])],
        });
        // A wrapper `bridge` ahead of the Go one logs each CNI_COMMAND, then runs it.
        const wrapped = join(world.dir, 'wrapped');
        const log = join(world.dir, 'bridge-commands.log');
        mkdirSync(wrapped);
        writeFileSync(
          join(wrapped, 'bridge'),
          `#!/bin/sh\necho "$CNI_COMMAND" >> '${log}'\nexec '${join(GO_PLUGIN_DIR, 'bridge')}' "$@"\n`,
        );
        chmodSync(join(wrapped, 'bridge'), 0o755);
        const cniPath = [wrapped, GO_PLUGIN_DIR];
        succeed(
          world,
          [
            { op: 'validate', network: net },
            attach('add', world, net, 'a'),
            attach('check', world, net, 'a'),
            attach('del', world, net, 'a'),
            attach('add', world, net, 'a'),
            attach('check', world, net, 'a'),
          ],
          { cniPath },
        );
        succeed(world, [attach('del', world, net, 'a')], { cniPath }); // a new process asks anew
        expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
          'VERSION',
          'ADD',
          'CHECK',
          'DEL',
          'ADD',
          'CHECK',
          'VERSION',
          'DEL',
        ]);
        expectDetached(world, net, bridge);
      }),
    );

    test(
      'the same list with negotiation from the config alone (upstream) is refused, leaving nothing behind',
      inWorld((world) => {
        const net = `br110-${world.id}`;
        world.write('10-br.conflist', {
          cniVersion: '1.1.0',
          cniVersions: ['1.0.0', '1.1.0'],
          name: net,
          plugins: [bridgePlugin(world, `gb12${world.id}`, ['10.88.112.0/24'])],
        });
        const [validate, add] = drive(
          world,
          [{ op: 'validate', network: net }, attach('add', world, net, 'a')],
          { negotiateWithPlugins: false },
        );
        expect(validate).toMatchObject({
          ok: false,
          error: { message: '[plugin bridge does not support config version "1.1.0"]' },
        });
        expect(add).toMatchObject({ ok: false, error: { code: 1 } });
        expect(add?.ok === false && add.error.message).toStartWith(
          'plugin type="bridge" failed (add): incompatible CNI versions; config is "1.1.0", plugin supports [',
        );
        expectDetached(world, net);
        expect(links(world.host).map((link) => link.ifname)).toEqual(['lo']);
      }),
    );
  },
);
