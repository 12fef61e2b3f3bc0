// Test support for the bridge's root-only tests (not part of the plugin): its plugin
// directory, configs, runs, and the shared kernel-state readers applied to a world.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { MULTICALL_NAME, pluginBinDir } from '../../test/_binary.ts';
import {
  hostLocalFiles,
  type IpLink,
  natByFamily,
  nftRuleset as nftRulesetOf,
  reservedAddresses,
  veths,
} from '../../test/_kernel-state.ts';
import type { BinDir } from '../../test/_use-worlds.ts';
import {
  containerOf,
  createPluginWorld,
  GO_PLUGIN_DIR,
  type PluginRun,
  type PluginWorld,
  runPlugin,
} from '../../test/_world.ts';

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

/** The host's nat tables (v4, "---", v6), rules and CNI chains only. */
export function natRules(world: PluginWorld): string {
  return natByFamily(world.host)
    .map((family) => family.join('\n'))
    .join('\n---\n');
}

/** `nft list ruleset` of the host namespace. */
export function nftRuleset(world: PluginWorld): string {
  return nftRulesetOf(world.host);
}

/** The host veths (bridge ports and not) of the world's host namespace. */
export function hostVeths(world: PluginWorld): IpLink[] {
  return veths(world.host);
}

/** `ip -j addr show dev IF` as "addr/len" strings (global scope only). */
export function addresses(ns: TestNetns, ifName: string): string[] {
  const out = JSON.parse(ns.exec(['ip', '-j', 'addr', 'show', 'dev', ifName])) as {
    addr_info: { local: string; prefixlen: number; scope: string }[];
  }[];
  return (out[0]?.addr_info ?? [])
    .filter((info) => info.scope === 'global')
    .map((info) => `${info.local}/${info.prefixlen}`);
}

/** The files of host-local's network directory (reservations, last_reserved_ip.*, lock). */
export function ipamFiles(world: PluginWorld, network = 'pur-brnet'): string[] {
  return hostLocalFiles(world.dataDir, network);
}

/** The reservation files only (addresses). */
export function reservations(world: PluginWorld, network = 'pur-brnet'): string[] {
  return reservedAddresses(world.dataDir, network);
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
