// Shared by the namespace tests that drive Debian's Go reference plugins (libcni's
// go-plugins.netns.test.ts and cnitool's): a throwaway world of namespaces and directories,
// and readers of the kernel state inside it. Everything the plugins make lives in the
// world's "host" namespace, its container namespaces or its temporary directory, so
// removing the world removes all of it; nothing touches the machine's own namespace.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestNetns,
  netnsSkipReason,
  type TestNetns,
} from '../../plugin-kit/src/testing/test-netns.ts';

/** Debian's containernetworking-plugins (1.1.1: spec up to 1.0.0). */
export const GO_PLUGIN_DIR = '/usr/lib/cni';

/** Why the Go-plugin namespace tests cannot run here, or null. */
export function goPluginsSkipReason(): string | null {
  const netns = netnsSkipReason();
  if (netns !== null) return netns;
  for (const plugin of ['bridge', 'host-local', 'ptp', 'loopback', 'portmap', 'tuning']) {
    if (!existsSync(join(GO_PLUGIN_DIR, plugin))) {
      return `needs ${GO_PLUGIN_DIR}/${plugin} (Debian package containernetworking-plugins)`;
    }
  }
  const tools = Bun.spawnSync([
    'sh',
    '-c',
    'command -v iptables-save && command -v ip6tables-save && command -v ping',
  ]);
  if (tools.exitCode !== 0) return 'needs iptables-save, ip6tables-save and ping';
  return null;
}

/** A throwaway host namespace, two container namespaces and a scratch directory. */
export interface World {
  /** A short random hex string, to make names unique. */
  readonly id: string;
  readonly host: TestNetns;
  readonly a: TestNetns;
  readonly b: TestNetns;
  readonly dir: string;
  /** NETCONFPATH */
  readonly confDir: string;
  /** The libcni result cache. */
  readonly cacheDir: string;
  /** host-local's `dataDir`. */
  readonly ipamDir: string;
  /** tuning's `dataDir`. */
  readonly tuningDir: string;
  /** Writes a configuration file into confDir. */
  write(file: string, config: object): void;
  remove(): void;
}

/** Creates a {@link World}; remove it in a `finally`. */
export function createWorld(): World {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  const made: TestNetns[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cni-go-world-'));
  try {
    for (const role of ['h', 'a', 'b']) made.push(createTestNetns(`cnits-go${role}`));
    const [host, a, b] = made as [TestNetns, TestNetns, TestNetns];
    const confDir = join(dir, 'net.d');
    for (const sub of ['net.d', 'cache', 'ipam', 'tuning']) mkdirSync(join(dir, sub));
    return {
      id,
      host,
      a,
      b,
      dir,
      confDir,
      cacheDir: join(dir, 'cache'),
      ipamDir: join(dir, 'ipam'),
      tuningDir: join(dir, 'tuning'),
      write(file, config) {
        writeFileSync(join(confDir, file), JSON.stringify(config, null, 2));
      },
      remove() {
        for (const ns of made) ns.remove();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const ns of made) ns.remove();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The global addresses of `ifname` in a namespace, as `address/prefix`. */
export function addresses(ns: TestNetns, ifname: string): string[] {
  const out = JSON.parse(ns.exec(['ip', '-j', 'addr', 'show', 'dev', ifname])) as {
    addr_info?: { local: string; prefixlen: number; scope: string }[];
  }[];
  return (out[0]?.addr_info ?? [])
    .filter((info) => info.scope === 'global')
    .map((info) => `${info.local}/${info.prefixlen}`);
}

/** One link as `ip -j -d link` shows it. */
export interface LinkInfo {
  readonly ifname: string;
  readonly master?: string;
  readonly mtu: number;
  readonly address: string;
  readonly flags: readonly string[];
  readonly linkinfo?: { readonly info_kind?: string };
}

/** The links of a namespace. */
export function links(ns: TestNetns): LinkInfo[] {
  return JSON.parse(ns.exec(['ip', '-j', '-d', 'link', 'show'])) as LinkInfo[];
}

/** The veth links of a namespace. */
export function veths(ns: TestNetns): LinkInfo[] {
  return links(ns).filter((link) => link.linkinfo?.info_kind === 'veth');
}

/** The routes of a namespace for one family, as `ip -j route` objects. */
export function routes(
  ns: TestNetns,
  family: 4 | 6,
): { dst: string; gateway?: string; dev: string }[] {
  return JSON.parse(ns.exec(['ip', `-${family}`, '-j', 'route', 'show'])) as {
    dst: string;
    gateway?: string;
    dev: string;
  }[];
}

/** The nat table of a namespace (`iptables-save -t nat` / `ip6tables-save`). */
export function natTable(ns: TestNetns, family: 4 | 6): string {
  return ns.exec([family === 4 ? 'iptables-save' : 'ip6tables-save', '-t', 'nat']);
}

/** The per-container masquerade chains (`CNI-<hash>`) the bridge and ptp plugins make. */
export function masqueradeChains(ns: TestNetns, family: 4 | 6): string[] {
  return natTable(ns, family)
    .split('\n')
    .filter((line) => /^:CNI-[0-9a-f]{24} /.test(line))
    .map((line) => line.slice(1).split(' ')[0] ?? '');
}

/** True when one ping from `from` to `address` gets an answer. */
export function ping(from: TestNetns, address: string): boolean {
  const run = Bun.spawnSync(
    ['ip', 'netns', 'exec', from.name, 'ping', '-c', '1', '-W', '3', address],
    {
      stdout: 'pipe',
      stderr: 'pipe',
    },
  );
  return run.exitCode === 0;
}

/** The files host-local keeps for a network: reservations (`<ip>`), `last_reserved_ip.N`, `lock`. */
export function ipamFiles(world: World, network: string): string[] {
  const dir = join(world.ipamDir, network);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The address reservations among {@link ipamFiles}. */
export function ipamReservations(world: World, network: string): string[] {
  return ipamFiles(world, network).filter(
    (name) => !name.startsWith('last_reserved_ip') && name !== 'lock',
  );
}

/** Every file in the result cache's `results/` (cache files `<net>-<cid>-<if>`, and any leftover). */
export function cacheFiles(world: World): string[] {
  const dir = join(world.cacheDir, 'results');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The address part of a CIDR. */
export function ipOf(cidr: string): string {
  return cidr.split('/')[0] ?? cidr;
}

/** A test body that gets a fresh world, removed afterwards even when the body fails. */
export function inWorld(body: (world: World) => void | Promise<void>): () => Promise<void> {
  return async () => {
    const world = createWorld();
    try {
      await body(world);
    } finally {
      world.remove();
    }
  };
}

/** The parts of a Go plugin's result the tests read. */
export interface GoResult {
  readonly cniVersion: string;
  readonly interfaces?: readonly { name: string; mac?: string; sandbox?: string }[];
  readonly ips?: readonly {
    version?: string;
    interface?: number;
    address: string;
    gateway?: string;
  }[];
  readonly routes?: readonly { dst: string; gw?: string }[];
}

/** The first address of the given family in a result. */
export function containerAddress(result: GoResult, family: 4 | 6 = 4): string {
  const ip = result.ips?.find((entry) => entry.address.includes(family === 4 ? '.' : ':'));
  if (ip === undefined) throw new Error(`no IPv${family} address in ${JSON.stringify(result)}`);
  return ip.address;
}
