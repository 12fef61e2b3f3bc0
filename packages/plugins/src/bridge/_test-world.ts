// Test support for the bridge's root-only tests (not part of the plugin): a plugin
// directory, throwaway worlds, configs and readers of the kernel state they leave.
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { MULTICALL_NAME, pluginBinDir } from '../../test/_binary.ts';
import {
  createPluginWorld,
  GO_PLUGIN_DIR,
  type PluginRun,
  type PluginWorld,
  runPlugin,
} from '../../test/_world.ts';

export { GO_PLUGIN_DIR };

/** A plugin directory for CNI_PATH, removed by remove(). */
export interface BinDir {
  readonly dir: string;
  remove(): void;
}

/**
 * `bridge` → our compiled executable and `host-local` → the Go host-local, so the bridge
 * is tested against the reference IPAM whatever state this repository's host-local is in
 * (the in-process path is covered by one test through pluginBinDir()).
 */
export function bridgeBinDir(): BinDir {
  const binary = join(pluginBinDir(), MULTICALL_NAME);
  const dir = mkdtempSync(join(tmpdir(), 'cnits-bridge-bin-'));
  symlinkSync(binary, join(dir, 'bridge'));
  symlinkSync(join(GO_PLUGIN_DIR, 'host-local'), join(dir, 'host-local'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Worlds made by a test file, removed after each test (also when it failed). */
export class Worlds {
  readonly #made: PluginWorld[] = [];

  create(containers = 1): PluginWorld {
    const world = createPluginWorld(containers);
    this.#made.push(world);
    return world;
  }

  removeAll(): void {
    for (const world of this.#made.splice(0)) world.remove();
  }
}

/** The world's n-th container namespace. */
export function containerOf(world: PluginWorld, n = 0): TestNetns {
  const ns = world.containers[n];
  if (ns === undefined) throw new Error(`world has no container ${n}`);
  return ns;
}

/** The §6.4 configuration: dual stack, isDefaultGateway, ipMasq, hairpinMode. */
export function dualStackConfig(
  dataDir: string,
  extra: Record<string, unknown> = {},
  subnets: readonly [string, string] = ['10.244.50.0/24', 'fd00:50::/64'],
): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'pur-brnet',
    type: 'bridge',
    bridge: 'pur-br0',
    isDefaultGateway: true,
    ipMasq: true,
    hairpinMode: true,
    ipam: {
      type: 'host-local',
      dataDir,
      ranges: subnets.map((subnet) => [{ subnet }]),
    },
    ...extra,
  };
}

/** A config with `prevResult` set (for CHECK and DEL). */
export function withPrev(config: object, prevResult: unknown): object {
  return { ...config, prevResult };
}

/** Options of one run besides the plugin directory and command. */
export interface RunOptions {
  readonly containerId?: string;
  readonly container?: number;
  readonly netns?: string;
  readonly ifName?: string;
  readonly args?: string;
}

/** Runs the bridge found in `dir` in the world's host namespace against its container. */
export function run(
  world: PluginWorld,
  dir: string,
  command: 'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS',
  config: object,
  options: RunOptions = {},
): PluginRun {
  return runPlugin({
    binDir: dir,
    type: 'bridge',
    command,
    config,
    host: world.host,
    netns: options.netns ?? containerOf(world, options.container ?? 0).path,
    containerId: options.containerId ?? 'cid-br1',
    ...(options.ifName === undefined ? {} : { ifName: options.ifName }),
    ...(options.args === undefined ? {} : { args: options.args }),
  });
}

/** `iptables-save -t nat` and `ip6tables-save -t nat` of the host, without comments and counters. */
export function natRules(world: PluginWorld): string {
  const tables = ['iptables-save', 'ip6tables-save'].map((tool) =>
    world.host
      .exec([tool, '-t', 'nat'])
      .split('\n')
      .filter((line) => line.startsWith('-A') || (line.startsWith(':') && !line.includes('ACCEPT')))
      .join('\n'),
  );
  return tables.join('\n---\n');
}

/** `nft list ruleset` of the host namespace. */
export function nftRuleset(world: PluginWorld): string {
  return world.host.exec(['nft', 'list', 'ruleset']);
}

/** One link as `ip -j -d link show` describes it. */
export interface IpLink {
  readonly ifname: string;
  readonly address?: string;
  readonly mtu?: number;
  readonly flags?: readonly string[];
  readonly operstate?: string;
  readonly master?: string;
  readonly promiscuity?: number;
  readonly linkinfo?: {
    readonly info_kind?: string;
    readonly info_slave_kind?: string;
    readonly info_slave_data?: Readonly<Record<string, unknown>>;
    readonly info_data?: Readonly<Record<string, unknown>>;
  };
}

/** The links of a namespace, `ip -j -d link show`. */
export function links(ns: TestNetns): IpLink[] {
  return JSON.parse(ns.exec(['ip', '-j', '-d', 'link', 'show'])) as IpLink[];
}

/** One link by name, or undefined. */
export function linkNamed(ns: TestNetns, name: string): IpLink | undefined {
  return links(ns).find((link) => link.ifname === name);
}

/** The host veths (bridge ports and not) of the world's host namespace. */
export function hostVeths(world: PluginWorld): IpLink[] {
  return links(world.host).filter((link) => link.linkinfo?.info_kind === 'veth');
}

/** `ip -o addr show dev IF` as "addr/len" strings (global scope only). */
export function addresses(ns: TestNetns, ifName: string): string[] {
  const out = JSON.parse(ns.exec(['ip', '-j', 'addr', 'show', 'dev', ifName])) as {
    addr_info: { local: string; prefixlen: number; scope: string }[];
  }[];
  return (out[0]?.addr_info ?? [])
    .filter((info) => info.scope === 'global')
    .map((info) => `${info.local}/${info.prefixlen}`);
}

/** A sysctl's value inside a namespace. */
export function sysctl(ns: TestNetns, name: string): string {
  return ns.exec(['sysctl', '-n', name]).trim();
}

/** The files of host-local's network directory (reservations, last_reserved_ip.*, lock). */
export function ipamFiles(world: PluginWorld, network = 'pur-brnet'): string[] {
  try {
    return readdirSync(join(world.dataDir, network)).sort();
  } catch {
    return [];
  }
}

/** The reservation files only (addresses), without last_reserved_ip.* and lock. */
export function reservations(world: PluginWorld, network = 'pur-brnet'): string[] {
  return ipamFiles(world, network).filter(
    (file) => file !== 'lock' && !file.startsWith('last_reserved_ip'),
  );
}

/** True when this kernel can create a bridge with VLAN filtering. */
export function vlanFilteringSupported(): boolean {
  const probe = createPluginWorld(0);
  try {
    probe.host.exec([
      'ip',
      'link',
      'add',
      'cnits-vlanprobe',
      'type',
      'bridge',
      'vlan_filtering',
      '1',
    ]);
    return true;
  } catch {
    return false;
  } finally {
    probe.remove();
  }
}
