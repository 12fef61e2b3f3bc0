// Shared by the portmap namespace tests: containers attached with bridge + host-local (ours
// or Go's, dual stack), portmap chained after them, and readers of the nat tables both
// plugins should leave.
import { join } from 'node:path';
import { natByFamily } from '../../test/_kernel-state.ts';
import {
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
  withPrev,
} from '../../test/_world.ts';

export const NETWORK = 'pur-chain';
export const CONTAINER_ID = 'cid-chain1';
/** dnatChainName(NETWORK, CONTAINER_ID), the chain of reference-plugins.md §6.7. */
export const DN_CHAIN = 'CNI-DN-8d8247564e11a8d9dfd64';
export const BRIDGE = 'pur-pm0';
export const GATEWAY_V4 = '10.244.52.1';
export const GATEWAY_V6 = 'fd00:52::1';

/** The mappings of §6.7 plus an IPv6-only one. */
export const MAPPINGS = [
  { hostPort: 18080, containerPort: 80, protocol: 'tcp' },
  { hostPort: 18053, containerPort: 53, protocol: 'udp', hostIP: '0.0.0.0' },
  { hostPort: 18443, containerPort: 443, protocol: 'tcp', hostIP: '::' },
];

/** The bridge config of the attachments (dual stack unless `v4Only`). */
export function bridgeConfig(dataDir: string, v4Only = false) {
  const ranges = [
    [{ subnet: '10.244.52.0/24' }],
    ...(v4Only ? [] : [[{ subnet: 'fd00:52::/64' }]]),
  ];
  const routes = [{ dst: '0.0.0.0/0' }, ...(v4Only ? [] : [{ dst: '::/0' }])];
  return {
    cniVersion: '1.0.0',
    name: NETWORK,
    type: 'bridge',
    bridge: BRIDGE,
    isGateway: true,
    ipam: { type: 'host-local', dataDir, ranges, routes },
  };
}

/** A portmap config with `extra` keys and the runtime mappings. */
/** portmap's config; `mappings` null: no runtimeConfig at all (undefined takes the default). */
export function portmapConfig(extra: Record<string, unknown> = {}, mappings: unknown = MAPPINGS) {
  return {
    cniVersion: '1.0.0',
    name: NETWORK,
    type: 'portmap',
    capabilities: { portMappings: true },
    ...(mappings === null ? {} : { runtimeConfig: { portMappings: mappings } }),
    ...extra,
  };
}

/**
 * `config` with portmap's `dataDir` (ours: the GC markers of the nftables backend) inside
 * the world, unless it names one, so no test writes to /run/cni/portmap.
 */
function inWorld(world: PluginWorld, type: string, config: object): object {
  if (type !== 'portmap' || 'dataDir' in config) return config;
  return { ...config, dataDir: join(world.dir, 'portmap') };
}

/** Runs one plugin command in `world`'s host against container `n`. */
export function run(
  world: PluginWorld,
  binDir: string,
  type: string,
  command: RunPluginOptions['command'],
  config: object,
  more: Partial<RunPluginOptions> & { container?: number } = {},
): PluginRun {
  const { container = 0, ...rest } = more;
  return runPlugin({
    binDir,
    type,
    command,
    config: inWorld(world, type, config),
    host: world.host,
    netns: world.containers[container]?.path ?? '',
    containerId: container === 0 ? CONTAINER_ID : `cid-chain${container + 1}`,
    ...rest,
  });
}

/** Attaches container `n` with bridge from `binDir`; returns bridge's result. */
export function attach(world: PluginWorld, binDir: string, n = 0, v4Only = false): unknown {
  const added = run(world, binDir, 'bridge', 'ADD', bridgeConfig(world.dataDir, v4Only), {
    container: n,
  });
  if (added.exitCode !== 0) throw new Error(`bridge ADD failed: ${added.stdout}${added.stderr}`);
  return added.json;
}

/** bridge ADD, then portmap ADD with bridge's result; returns both. */
export function chain(
  world: PluginWorld,
  binDir: string,
  extra: Record<string, unknown> = {},
  options: { n?: number; v4Only?: boolean; mappings?: unknown } = {},
) {
  const n = options.n ?? 0;
  const prev = attach(world, binDir, n, options.v4Only);
  const config = withPrev(portmapConfig(extra, options.mappings ?? MAPPINGS), prev);
  const added = run(world, binDir, 'portmap', 'ADD', config, { container: n });
  return { prev, config, added };
}

/** Both nat tables of the world's host, the bridge's own chains left out. */
export function portmapNat(world: PluginWorld): [v4: string[], v6: string[]] {
  const [v4, v6] = natByFamily(world.host);
  const ours = (line: string) => !/CNI-[0-9a-f]{24}/.test(line);
  return [v4.filter(ours), v6.filter(ours)];
}

/** `nft list table <family> cni_hostport` in the world's host, or '' when there is none. */
export function hostportTable(world: PluginWorld, family: 'ip' | 'ip6'): string {
  try {
    return world.host.exec(['nft', 'list', 'table', family, 'cni_hostport']);
  } catch {
    return '';
  }
}
