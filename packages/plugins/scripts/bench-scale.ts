#!/usr/bin/env bun
// Figures for busy hosts: one container's ADD and DEL where many are already attached,
// ours against the Go plugins (1.1.1) in the same run. host-local among many reservations
// (bridge and ptp run it in process), portmap's iptables backend on kube-proxy's nat table,
// the firewall's iptables backend among many containers' rules (bench-scale-fixtures.ts).
// Each (scenario, side) gets a throwaway host namespace (and data directory) of its own,
// filled before the rounds; every exec is `ip netns exec <host> <plugin>` for both sides
// alike, rounds interleaved in alternating order. Root only; everything made is removed at
// the end, also on failure or Ctrl-C.
//
//   bun packages/plugins/scripts/bench-scale.ts [--small] [--rounds N] [--warmup W] [--bin-dir DIR]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestNetns, netnsSkipReason, type TestNetns } from '@cni-ts/plugin-kit/testing';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { buildTemporaryBinDir } from './bench-bin.ts';
import { describeFailure, timedExec } from './bench-exec.ts';
import { type Interruptions, runInterruptible } from './bench-interrupt.ts';
import { type BenchRow, formatBenchTable } from './bench-report.ts';
import {
  isRoundsArgsError,
  parseRoundsArgs,
  type RoundsArgs,
  roundsUsage,
} from './bench-rounds-args.ts';
import {
  FULL_SIZES,
  firewallFilter,
  kubeProxyNat,
  reservationFiles,
  type ScaleSizes,
  SMALL_SIZES,
} from './bench-scale-fixtures.ts';
import { summarize } from './bench-stats.ts';

const DEFAULTS: RoundsArgs = { rounds: 15, warmup: 1, binDir: undefined };
const USAGE = `${roundsUsage('bench-scale.ts [--small]', 'one ADD and DEL per scenario and side', DEFAULTS)}  --small        a few attachments instead of hundreds (to check the script)\n`;

type Side = 'ours' | 'go';
type Plugin = 'host-local' | 'portmap' | 'firewall';

interface Lane {
  readonly scenario: string;
  readonly plugin: Plugin;
  readonly side: Side;
  readonly host: TestNetns;
  readonly dir: string;
  readonly config: object;
  readonly times: { ADD: number[]; DEL: number[] };
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Loads `iptables-restore --noflush` input into the host's tables. */
function restore(host: TestNetns, tool: string, input: string): void {
  const done = Bun.spawnSync(['ip', 'netns', 'exec', host.name, tool, '--noflush'], {
    stdin: new TextEncoder().encode(input),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (done.exitCode !== 0) throw new Error(`${tool} failed: ${done.stderr.toString()}`);
}

function prevResult(container: string, address: string): object {
  return {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'cni-scale0' }, { name: 'eth0', sandbox: container }],
    ips: [{ address, gateway: address.replace(/\.\d+\/16$/, '.1'), interface: 1 }],
  };
}

/** The config of each scenario's probe container, and what its host must hold first. */
function scenarios(sizes: ScaleSizes, container: string, work: string) {
  return [
    {
      scenario: `host-local, ${sizes.reservations} reservations`,
      plugin: 'host-local' as const,
      config: (side: Side) => ({
        cniVersion: '1.0.0',
        name: 'scale',
        type: 'host-local',
        ipam: { type: 'host-local', subnet: '10.150.0.0/16', dataDir: join(work, side, 'ipam') },
      }),
      fill: (_host: TestNetns, side: Side) => {
        const dir = join(work, side, 'ipam', 'scale');
        mkdirSync(dir, { recursive: true });
        for (const [name, content] of reservationFiles(150, sizes.reservations)) {
          writeFileSync(join(dir, name), content);
        }
      },
    },
    {
      scenario: `portmap iptables, ${sizes.services} kube-proxy services`,
      plugin: 'portmap' as const,
      config: () => ({
        cniVersion: '1.0.0',
        name: 'scale',
        type: 'portmap',
        backend: 'iptables',
        capabilities: { portMappings: true },
        runtimeConfig: { portMappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }] },
        prevResult: prevResult(container, '10.151.0.2/16'),
      }),
      fill: (host: TestNetns) => restore(host, 'iptables-restore', kubeProxyNat(sizes.services)),
    },
    {
      scenario: `firewall iptables, ${sizes.containers} containers`,
      plugin: 'firewall' as const,
      config: (side: Side) => ({
        cniVersion: '1.0.0',
        name: 'scale',
        type: 'firewall',
        backend: 'iptables',
        dataDir: join(work, side, 'firewall'),
        prevResult: prevResult(container, '10.152.255.2/16'),
      }),
      fill: (host: TestNetns) =>
        restore(host, 'iptables-restore', firewallFilter(152, sizes.containers)),
    },
  ];
}

function pair(lane: Lane, container: string, keep: boolean): void {
  for (const verb of ['ADD', 'DEL'] as const) {
    const outcome = timedExec({
      argv: ['ip', 'netns', 'exec', lane.host.name, join(lane.dir, lane.plugin)],
      env: {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
        CNI_COMMAND: verb,
        CNI_CONTAINERID: 'scale-probe',
        CNI_IFNAME: 'eth0',
        CNI_NETNS: container,
        CNI_PATH: lane.dir,
      },
      stdin: JSON.stringify(lane.config),
    });
    if (outcome.exitCode !== 0) {
      throw new Error(describeFailure(`${lane.side} ${lane.plugin} ${verb}`, outcome));
    }
    if (keep) lane.times[verb].push(outcome.ms);
  }
}

function rows(lanes: readonly Lane[]): BenchRow[] {
  const list: BenchRow[] = [];
  for (const lane of lanes) {
    if (lane.side !== 'ours') continue;
    const go = lanes.find((other) => other.scenario === lane.scenario && other.side === 'go');
    for (const verb of ['ADD', 'DEL'] as const) {
      const times = { ours: summarize(lane.times[verb]), go: summarize(go?.times[verb] ?? []) };
      list.push({ scenario: lane.scenario, verb, times, target: undefined, rssKib: {} });
    }
  }
  return list;
}

async function main({ checkpoint }: Interruptions): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const small = argv.includes('--small');
  let args: RoundsArgs;
  try {
    args = parseRoundsArgs(
      argv.filter((arg) => arg !== '--small'),
      DEFAULTS,
    );
  } catch (error) {
    if (!isRoundsArgsError(error)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}`);
    return 2;
  }
  const skip = netnsSkipReason();
  const missing = ['host-local', 'portmap', 'firewall'].filter(
    (name) => !existsSync(join(GO_PLUGIN_DIR, name)),
  );
  if (skip !== null || missing.length > 0) {
    log(`cannot benchmark: ${skip ?? `${GO_PLUGIN_DIR} lacks ${missing.join(', ')}`}`);
    return 1;
  }
  const sizes = small ? SMALL_SIZES : FULL_SIZES;
  const work = mkdtempSync(join(tmpdir(), 'cnits-bench-scale-'));
  const built = args.binDir === undefined ? buildTemporaryBinDir(log) : undefined;
  const ours = built ?? args.binDir ?? '';
  const made: TestNetns[] = [];
  try {
    const containerNs = createTestNetns('cnits-bscale');
    made.push(containerNs);
    const container = containerNs.path;
    const lanes: Lane[] = [];
    for (const scenario of scenarios(sizes, container, work)) {
      for (const side of ['go', 'ours'] as const) {
        const host = createTestNetns('cnits-bscale');
        made.push(host);
        scenario.fill(host, side);
        const dir = side === 'go' ? GO_PLUGIN_DIR : ours;
        const config = scenario.config(side);
        const { plugin } = scenario;
        lanes.push({
          scenario: scenario.scenario,
          plugin,
          side,
          host,
          dir,
          config,
          times: { ADD: [], DEL: [] },
        });
      }
    }
    log(
      `bench-scale: ${args.warmup} warm-up and ${args.rounds} measured rounds over ${lanes.length} lanes…`,
    );
    for (let round = 0; round < args.warmup + args.rounds; round++) {
      await checkpoint();
      const order = round % 2 === 0 ? lanes : [...lanes].reverse();
      for (const lane of order) pair(lane, container, round >= args.warmup);
    }
    process.stdout.write(
      `${formatBenchTable(rows(lanes))}\n` +
        'Times are wall-clock milliseconds per exec (spawn to exit) of one container attached ' +
        'and detached where the others are already, every exec through ip netns exec for both sides.\n',
    );
    return 0;
  } finally {
    for (const ns of made.reverse()) ns.remove();
    rmSync(work, { recursive: true, force: true });
    if (built !== undefined) rmSync(built, { recursive: true, force: true });
  }
}

process.exitCode = await runInterruptible(main);
