// Shared by the bandwidth namespace tests: a container attached with ptp + host-local (ours or
// Go's), then bandwidth chained after it, and readers of the traffic-control state that
// both plugins should leave (host veth names and MACs masked).
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { lines, linkNamed, veths } from '../../test/_kernel-state.ts';
import {
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
} from '../../test/_world.ts';

export const NETWORK = 'pur-chain';
export const CONTAINER_ID = 'cid-chain1';
/** ifbName(NETWORK, CONTAINER_ID), the name of reference-plugins.md §6.7. */
export const IFB = 'bwp8d8247564e11';

/** The limits of §6.7: ingress 8 Mbit/s with a 1 Mbit burst, egress 4 Mbit/s with 500 kbit. */
export const LIMITS = {
  ingressRate: 8_000_000,
  ingressBurst: 1_000_000,
  egressRate: 4_000_000,
  egressBurst: 500_000,
} as const;

/** A bandwidth config with `extra` keys (limits, runtimeConfig, prevResult). */
export function bandwidthConfig(extra: Record<string, unknown> = {}) {
  return { cniVersion: '1.0.0', name: NETWORK, type: 'bandwidth', ...extra };
}

/** The ptp config of the attachment the bandwidth tests shape (10.244.60.0/24). */
export function ptpConfig(dataDir: string, cniVersion = '1.0.0') {
  return {
    cniVersion,
    name: NETWORK,
    type: 'ptp',
    ipam: { type: 'host-local', dataDir, subnet: '10.244.60.0/24' },
  };
}

/** The container's address and the gateway (the host veth) ptp gives it. */
export const CONTAINER_IP = '10.244.60.2';
export const HOST_IP = '10.244.60.1';

/** Runs one plugin command in `world`'s host against its first container. */
export function run(
  world: PluginWorld,
  binDir: string,
  type: string,
  command: RunPluginOptions['command'],
  config: object,
  more: Partial<RunPluginOptions> = {},
): PluginRun {
  return runPlugin({
    binDir,
    type,
    command,
    config,
    host: world.host,
    netns: world.containers[0]?.path ?? '',
    containerId: CONTAINER_ID,
    ...more,
  });
}

/** Attaches the world's container with ptp from `binDir`; returns ptp's result. */
export function attach(world: PluginWorld, binDir: string, cniVersion = '1.0.0'): unknown {
  const added = run(world, binDir, 'ptp', 'ADD', ptpConfig(world.dataDir, cniVersion));
  if (added.exitCode !== 0) throw new Error(`ptp ADD failed: ${added.stdout}${added.stderr}`);
  return added.json;
}

/** The one host veth's name in a host namespace. */
export function hostVeth(ns: TestNetns): string {
  const [veth] = veths(ns);
  if (veth === undefined) throw new Error('no host veth');
  return veth.ifname;
}

/** `tc -d qdisc show` of a namespace without lo, refcounts and (`maskVeth`) the veth's name masked. */
export function qdiscs(ns: TestNetns, maskVeth = true): string[] {
  const veth = (maskVeth ? veths(ns)[0]?.ifname : undefined) ?? 'none';
  return lines(ns.exec(['tc', '-d', 'qdisc', 'show']))
    .map((line) => line.replaceAll(veth, 'VETH').replace(/ refcnt \d+/, ''))
    .filter((line) => !line.includes(' dev lo '));
}

/** `tc filter show` of the host veth's ingress qdisc, its name masked. */
export function redirectFilters(ns: TestNetns): string[] {
  const veth = veths(ns)[0]?.ifname;
  if (veth === undefined) return [];
  try {
    return lines(ns.exec(['tc', 'filter', 'show', 'dev', veth, 'parent', 'ffff:'])).map((line) =>
      line.replaceAll(veth, 'VETH').trim(),
    );
  } catch {
    return [];
  }
}

/** What `ip -d link` says of the ifb that both plugins should agree on, or undefined. */
export function ifbSummary(ns: TestNetns): Record<string, unknown> | undefined {
  const link = linkNamed(ns, IFB) as
    | (ReturnType<typeof linkNamed> & { txqlen?: number; group?: string })
    | undefined;
  if (link === undefined) return undefined;
  return {
    kind: link.linkinfo?.info_kind,
    mtu: link.mtu,
    flags: link.flags,
    operstate: link.operstate,
    txqlen: link.txqlen,
    mac: /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(link.address ?? ''),
  };
}
