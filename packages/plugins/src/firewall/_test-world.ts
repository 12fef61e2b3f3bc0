// Shared by the firewall namespace tests: containers attached with bridge + host-local
// (ours or Go's), firewall chained after it, and the filter tables both plugins leave.
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { lines } from '../../test/_kernel-state.ts';
import {
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
  withPrev,
} from '../../test/_world.ts';

/** One bridge network of the tests. */
export interface FwNet {
  readonly name: string;
  readonly bridge: string;
  readonly subnet: string;
}

export const NET_A: FwNet = { name: 'fw-a', bridge: 'cnifw-a', subnet: '10.244.70.0/24' };
export const NET_B: FwNet = { name: 'fw-b', bridge: 'cnifw-b', subnet: '10.244.71.0/24' };

export function bridgeConfig(world: PluginWorld, net: FwNet) {
  return {
    cniVersion: '1.0.0',
    name: net.name,
    type: 'bridge',
    bridge: net.bridge,
    isGateway: true,
    isDefaultGateway: true,
    ipam: { type: 'host-local', dataDir: world.dataDir, ranges: [[{ subnet: net.subnet }]] },
  };
}

export function firewallConfig(world: PluginWorld, net: FwNet, extra: object = {}) {
  return {
    cniVersion: '1.0.0',
    name: net.name,
    type: 'firewall',
    backend: 'iptables',
    dataDir: `${world.dir}/firewall`,
    ...extra,
  };
}

/** Runs one plugin in `world`'s host against container `n`. */
export function run(
  world: PluginWorld,
  n: number,
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
    netns: world.containers[n]?.path ?? '',
    containerId: `cid-fw${n}`,
    ...more,
  });
}

/** bridge ADD for container `n` on `net` (from `bridgeDir`); its result. */
export function attach(world: PluginWorld, n: number, bridgeDir: string, net: FwNet): unknown {
  const added = run(world, n, bridgeDir, 'bridge', 'ADD', bridgeConfig(world, net));
  if (added.exitCode !== 0) throw new Error(`bridge ADD failed: ${added.stdout}${added.stderr}`);
  return added.json;
}

/** bridge then firewall ADD for container `n`; the firewall's run and its config. */
export function attachWithFirewall(
  world: PluginWorld,
  n: number,
  binDir: string,
  net: FwNet,
  extra: object = {},
  bridgeDir = binDir,
): { prev: unknown; config: object; added: PluginRun } {
  const prev = attach(world, n, bridgeDir, net);
  const config = withPrev(firewallConfig(world, net, extra), prev);
  return { prev, config, added: run(world, n, binDir, 'firewall', 'ADD', config) };
}

/** `iptables-save -t filter` / `ip6tables-save -t filter`: chain declarations and rules. */
export function filterTables(ns: TestNetns): [v4: string[], v6: string[]] {
  const [v4 = [], v6 = []] = ['iptables-save', 'ip6tables-save'].map((tool) =>
    lines(ns.exec([tool, '-t', 'filter']))
      .filter((line) => line.startsWith('-A') || line.startsWith(':'))
      .map((line) => line.replace(/ \[\d+:\d+\]$/, '')),
  );
  return [v4, v6];
}

/** True when one ping from `from` reaches `to` within a second. */
export function pings(from: TestNetns, to: string): boolean {
  try {
    from.exec(['ping', '-c', '1', '-W', '1', to]);
    return true;
  } catch {
    return false;
  }
}
