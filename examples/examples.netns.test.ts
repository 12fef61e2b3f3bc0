import { afterEach, describe, expect, test } from 'bun:test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addresses, ipOf, veths } from '../packages/libcni/test/_go-netns.ts';
import { netnsSkipReason, useTimeLimit } from '../packages/plugin-kit/src/testing/index.ts';
import { pluginNames } from '../packages/plugins/src/registry.ts';
import { pluginBinDir } from '../packages/plugins/test/_binary.ts';
import { createPluginWorld, type PluginWorld } from '../packages/plugins/test/_world.ts';
import {
  type ConfListJson,
  pluginTypes,
  withHostLocalDataDir,
} from '../scripts/lib/conf-rewrite.ts';

useTimeLimit('netns');

// The ptp and static examples with our plugins, through cnitool, in throwaway namespaces
// (the demo covers the bridge example): ADD gives the addresses and routes the file
// promises and traffic flows to the gateway, CHECK passes, DEL leaves no veth and no
// reservation.

const NET_D = join(import.meta.dir, 'net.d');
const CNITOOL = join(import.meta.dir, '..', 'packages', 'cnitool', 'src', 'main.ts');
const skip = netnsSkipReason();
const worlds: PluginWorld[] = [];

afterEach(() => {
  for (const world of worlds.splice(0)) world.remove();
});

function read(file: string): ConfListJson {
  return JSON.parse(readFileSync(join(NET_D, file), 'utf8')) as ConfListJson;
}

function missing(file: string): string[] {
  return pluginTypes(read(file)).filter((type) => !pluginNames.includes(type));
}

interface Attached {
  readonly world: PluginWorld;
  readonly netns: string;
  readonly result: Record<string, unknown>;
  cnitool(argv: readonly string[]): { code: number; stdout: string; stderr: string };
}

/** A world with the example installed as its only network, attached to one container. */
function attach(file: string, network: string): Attached {
  const world = createPluginWorld(1);
  worlds.push(world);
  const confDir = join(world.dir, 'net.d');
  mkdirSync(confDir);
  writeFileSync(
    join(confDir, file),
    JSON.stringify(withHostLocalDataDir(read(file), world.dataDir)),
  );
  const netns = world.containers[0]?.path ?? '';
  const bin = pluginBinDir();
  const cnitool = (argv: readonly string[]) => {
    const run = Bun.spawnSync(
      ['ip', 'netns', 'exec', world.host.name, process.execPath, CNITOOL, ...argv],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          NETCONFPATH: confDir,
          CNI_PATH: bin,
          CNI_CACHE_DIR: join(world.dir, 'cache'),
        },
        stdout: 'pipe',
        stderr: 'pipe',
      },
    );
    return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
  };
  const add = cnitool(['add', network, netns]);
  if (add.code !== 0) throw new Error(`cnitool add ${network}: ${add.stderr}`);
  return { world, netns, result: JSON.parse(add.stdout) as Record<string, unknown>, cnitool };
}

function container(attached: Attached) {
  const ns = attached.world.containers[0];
  if (ns === undefined) throw new Error('no container');
  return ns;
}

function ping(attached: Attached, address: string): void {
  container(attached).exec(['ping', '-n', '-q', '-c', '1', '-w', '5', address]);
}

function expectCheckAndDel(attached: Attached, network: string): void {
  const check = attached.cnitool(['check', network, attached.netns]);
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  const del = attached.cnitool(['del', network, attached.netns]);
  expect(del.stderr).toBe('');
  expect(del.code).toBe(0);
  expect(veths(attached.world.host)).toEqual([]);
  expect(veths(container(attached))).toEqual([]);
}

function reservations(attached: Attached, network: string): string[] {
  const out = attached.world.host.exec(['ls', join(attached.world.dataDir, network)]);
  return out
    .split('\n')
    .filter((name) => name !== '' && name !== 'lock' && !name.startsWith('last_reserved_ip'));
}

const ptpMissing = missing('20-cni-ts-ptp.conflist');
const staticMissing = missing('30-cni-ts-static.conflist');

function title(name: string, lacking: readonly string[]): string {
  if (skip !== null) return `${name} (skipped: ${skip})`;
  return lacking.length === 0 ? name : `${name} (skipped: ${lacking.join(', ')} not registered)`;
}

describe.skipIf(skip !== null || ptpMissing.length > 0)(
  title('examples/net.d/20-cni-ts-ptp.conflist with our plugins', ptpMissing),
  () => {
    test('routed veth with MTU 1400, dual stack, gateway reachable; CHECK and DEL clean', () => {
      const attached = attach('20-cni-ts-ptp.conflist', 'cni-ts-ptp');
      const ns = container(attached);
      const [v4, v6] = addresses(ns, 'eth0');
      expect(v4).toMatch(/^10\.87\.0\.\d+\/24$/);
      expect(v6).toMatch(/^fd00:87::[0-9a-f]+\/64$/);
      expect(ns.exec(['ip', '-o', 'link', 'show', 'eth0'])).toContain('mtu 1400');
      expect(ns.exec(['ip', '-4', 'route', 'show', 'default'])).toContain('via 10.87.0.1');
      expect(ns.exec(['ip', '-6', 'route', 'show', 'default'])).toContain('via fd00:87::1');
      expect(attached.result.cniVersion).toBe('1.1.0');
      expect(reservations(attached, 'cni-ts-ptp').sort()).toEqual(
        [ipOf(v4 ?? ''), ipOf(v6 ?? '')].sort(),
      );
      ping(attached, '10.87.0.1');
      ping(attached, 'fd00:87::1');
      expectCheckAndDel(attached, 'cni-ts-ptp');
      expect(reservations(attached, 'cni-ts-ptp')).toEqual([]);
    });
  },
);

describe.skipIf(skip !== null || staticMissing.length > 0)(
  title('examples/net.d/30-cni-ts-static.conflist with our plugins', staticMissing),
  () => {
    test('fixed addresses, routes and DNS on a gateway bridge; CHECK and DEL clean', () => {
      const attached = attach('30-cni-ts-static.conflist', 'cni-ts-static');
      const ns = container(attached);
      expect(addresses(ns, 'eth0')).toEqual(['192.168.86.10/24', 'fd00:86::10/64']);
      expect(addresses(attached.world.host, 'cnits-static0')).toEqual([
        '192.168.86.1/24',
        'fd00:86::1/64',
      ]);
      expect(ns.exec(['ip', '-4', 'route', 'show', 'default'])).toContain('via 192.168.86.1');
      expect(ns.exec(['ip', '-6', 'route', 'show', 'default'])).toContain('via fd00:86::1');
      expect(attached.result.dns).toEqual({
        nameservers: ['192.168.86.1'],
        search: ['cni-ts.internal'],
      });
      ping(attached, '192.168.86.1');
      ping(attached, 'fd00:86::1');
      expectCheckAndDel(attached, 'cni-ts-static');
    });
  },
);
