// Shared by the ptp namespace tests: the plugin directory, worlds that are removed after
// each test, configs, and kernel-state snapshots that can be compared between our plugin
// and Go's (veth names, MACs and DAD flags taken out).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { MULTICALL_NAME, pluginBinDir } from '../../test/_binary.ts';
import {
  createPluginWorld,
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
} from '../../test/_world.ts';
import { ipamPlugins } from '../ipam-plugins.ts';

/** True once this executable has its own host-local (else Go's is used as the delegate). */
export const OWN_HOST_LOCAL = Object.hasOwn(ipamPlugins, 'host-local');

/**
 * A CNI_PATH with our `ptp`: the test build's directory when it has host-local too, else a
 * temporary directory linking `ptp` to our executable and `host-local` to Go's. Returns
 * the directory and a function that removes what it made.
 */
export function ptpBinDir(): { dir: string; remove(): void } {
  const built = pluginBinDir();
  if (OWN_HOST_LOCAL) return { dir: built, remove: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'cnits-ptp-bin-'));
  symlinkSync(join(built, MULTICALL_NAME), join(dir, 'ptp'));
  symlinkSync('/usr/lib/cni/host-local', join(dir, 'host-local'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Worlds made by a test file, removed in afterEach. */
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

/** The §6.5 scenario: dual stack, ipMasq, mtu 1400, dns, default routes from IPAM. */
export function dualStackConfig(dataDir: string, extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'ptp-net',
    type: 'ptp',
    ipMasq: true,
    mtu: 1400,
    dns: { nameservers: ['10.244.51.1'], search: ['pur.local'] },
    ipam: {
      type: 'host-local',
      dataDir,
      ranges: [[{ subnet: '10.244.51.0/24' }], [{ subnet: 'fd00:51::/64' }]],
      routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }],
    },
    ...extra,
  };
}

/** A config with prevResult set (for CHECK and DEL). */
export function withPrev(config: object, prevResult: unknown): object {
  return { ...config, prevResult };
}

/** Runs one command of a plugin in `world`'s host against its first container. */
export function run(
  world: PluginWorld,
  binDir: string,
  command: RunPluginOptions['command'],
  config: object,
  more: Partial<RunPluginOptions> = {},
): PluginRun {
  return runPlugin({
    binDir,
    type: 'ptp',
    command,
    config,
    host: world.host,
    netns: world.containers[0]?.path ?? '',
    containerId: 'cid-ptp',
    ...more,
  });
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
}

/** Runs `ip …` in a namespace; lines, trimmed. */
export function ip(ns: TestNetns, ...argv: string[]): string[] {
  return lines(ns.exec(['ip', ...argv]));
}

/** The host veths (`veth` + 8 hex digits) in a namespace. */
export function hostVeths(ns: TestNetns): string[] {
  return ip(ns, '-o', 'link', 'show')
    .map((line) => /^\d+: (veth[0-9a-f]{8})@/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** `ip -o addr` of a link without link-local addresses, lifetimes and DAD flags. */
function addresses(ns: TestNetns, dev: string): string[] {
  return ip(ns, '-o', 'addr', 'show', 'dev', dev)
    .filter((line) => !line.includes(' fe80:'))
    .map((line) =>
      line
        .replace(/\\.*$/, '')
        .replace(/^\d+: /, '')
        .replace(/ (tentative|nodad)/g, '')
        .trim(),
    );
}

/** What `ip link` says of a link that both plugins should agree on. */
function linkSummary(ns: TestNetns, dev: string): string {
  const line = ip(ns, '-o', 'link', 'show', 'dev', dev)[0] ?? '';
  const mtu = / mtu (\d+)/.exec(line)?.[1];
  const flags = /<([^>]*)>/.exec(line)?.[1];
  const kind = ns.exec(['ip', '-o', '-d', 'link', 'show', 'dev', dev]).includes(' veth ')
    ? 'veth'
    : 'other';
  return `flags=${flags} mtu=${mtu} kind=${kind}`;
}

/** The container's side of an attachment. */
export function containerState(ns: TestNetns, ifName = 'eth0') {
  return {
    link: linkSummary(ns, ifName),
    addresses: addresses(ns, ifName),
    routes4: ip(ns, '-4', 'route', 'show'),
    routes6: ip(ns, '-6', 'route', 'show'),
  };
}

/** The host's side: the one host veth's link, addresses and routes, its name replaced by VETH. */
export function hostState(ns: TestNetns) {
  const [veth = 'none', ...others] = hostVeths(ns);
  const anon = (text: string) => text.replaceAll(veth, 'VETH');
  return {
    veths: 1 + others.length,
    link: linkSummary(ns, veth),
    addresses: addresses(ns, veth).map(anon),
    routes4: ip(ns, '-4', 'route', 'show').map(anon),
    routes6: ip(ns, '-6', 'route', 'show').map(anon),
  };
}

/** The nat table rules (both families) without counters and headers. */
export function natRules(ns: TestNetns): string[] {
  return ['iptables-save', 'ip6tables-save'].flatMap((tool) =>
    lines(ns.exec([tool, '-t', 'nat'])).filter(
      (line) => line.startsWith('-A') || line.startsWith(':CNI-'),
    ),
  );
}

/** The `CNI-…` chain names in the nat tables. */
export function natChains(ns: TestNetns): string[] {
  return natRules(ns)
    .filter((line) => line.startsWith(':CNI-'))
    .map((line) => line.slice(1).split(' ')[0] ?? '');
}

/** The nftables masquerade rules (`ip saddr … masquerade`) in a namespace. */
export function nftMasqRules(ns: TestNetns): string[] {
  let text: string;
  try {
    text = ns.exec(['nft', 'list', 'table', 'inet', 'cni_plugins_masquerade']);
  } catch {
    return [];
  }
  return lines(text)
    .map((line) => line.trim())
    .filter((line) => line.includes('saddr') && line.includes('masquerade'));
}

/** The files host-local keeps for the network (reservations and bookkeeping). */
export function reservations(dataDir: string, network = 'ptp-net'): string[] {
  const dir = join(dataDir, network);
  try {
    return [...new Bun.Glob('*').scanSync(dir)].filter(
      (name) => name !== 'lock' && !name.startsWith('last_reserved_ip'),
    );
  } catch {
    return [];
  }
}
