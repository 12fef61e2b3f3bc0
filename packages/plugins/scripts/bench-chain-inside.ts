// The measuring half of the chain benchmark, run inside the throwaway host namespace:
// interleaved rounds (ours, Go / Go, ours) of ADD then DEL of podman's default chain,
// through libcni in process with a timing Exec (a figure per plugin), with the port
// mapping and without (a container with no published ports), and once through the
// compiled cnitool executable (the whole command, as a user runs it).
import { CniConfig, DefaultExec, networkConfFromBytes } from '@cni-ts/libcni';
import { CHAIN_PORT_MAPPINGS } from './bench-chain-config.ts';
import type { Side } from './bench-scenarios.ts';
import { TimingExec } from './bench-timing-exec.ts';

/** What the outer half hands in (one JSON argument). */
export interface ChainPlan {
  readonly rounds: number;
  readonly warmup: number;
  readonly cnitool: string;
  readonly sides: Readonly<
    Record<
      Side,
      {
        readonly binDir: string;
        readonly confDir: string;
        readonly cacheDir: string;
        readonly network: string;
        readonly conflist: string;
        /** Container namespaces (paths): one for the libcni runs, one for cnitool's. */
        readonly netns: readonly [string, string];
      }
    >
  >;
}

/** Per side, per verb, per series ("bridge", …, "chain (libcni)", "cnitool"): milliseconds. */
export type ChainSamples = Record<Side, Record<'ADD' | 'DEL', Record<string, number[]>>>;

const quietEnv = {
  PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
  // The firewall plugins ask the system bus whether firewalld runs: never the machine's.
  DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/cnits-bench',
};

function push(samples: Record<string, number[]>, series: string, ms: number): void {
  const list = samples[series] ?? [];
  list.push(ms);
  samples[series] = list;
}

/** The series names of a round without published ports (only portmap's work differs). */
export const NO_PORTS = ', no ports';

async function libcniRound(
  plan: ChainPlan,
  side: Side,
  id: string,
  keep: ChainSamples | undefined,
  ports: boolean,
): Promise<void> {
  const config = plan.sides[side];
  const exec = new TimingExec(new DefaultExec());
  const cni = new CniConfig({
    path: [config.binDir],
    cacheDir: config.cacheDir,
    exec,
    env: quietEnv,
  });
  const list = networkConfFromBytes(new TextEncoder().encode(config.conflist));
  const runtime = {
    containerId: id,
    netns: config.netns[0],
    ifName: 'eth0',
    // Without: a container started with no published ports (portmap passes through).
    capabilityArgs: ports ? { portMappings: CHAIN_PORT_MAPPINGS } : {},
  };
  const suffix = ports ? '' : NO_PORTS;
  for (const verb of ['ADD', 'DEL'] as const) {
    const started = performance.now();
    if (verb === 'ADD') await cni.addNetworkList(list, runtime);
    else await cni.delNetworkList(list, runtime);
    const total = performance.now() - started;
    const timings = exec.drain();
    if (keep === undefined) continue;
    for (const timing of timings) {
      if (timing.command === verb) push(keep[side][verb], `${timing.plugin}${suffix}`, timing.ms);
    }
    push(keep[side][verb], `chain (libcni)${suffix}`, total);
  }
}

function cnitoolRun(plan: ChainPlan, side: Side, verb: 'add' | 'del'): number {
  const config = plan.sides[side];
  const started = performance.now();
  const done = Bun.spawnSync([plan.cnitool, verb, config.network, config.netns[1]], {
    env: {
      ...quietEnv,
      NETCONFPATH: config.confDir,
      CNI_PATH: config.binDir,
      CNI_CACHE_DIR: config.cacheDir,
      CAP_ARGS: JSON.stringify({ portMappings: CHAIN_PORT_MAPPINGS }),
    },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const ms = performance.now() - started;
  if (done.exitCode !== 0) {
    throw new Error(`cnitool ${verb} (${side}) exited ${done.exitCode}: ${done.stderr.toString()}`);
  }
  return ms;
}

/**
 * Runs the plan; resolves to the samples of the measured (non-warm-up) rounds.
 * `checkpoint` runs before each round (bench-interrupt.ts: it throws to stop the run).
 */
export async function measureChain(
  plan: ChainPlan,
  checkpoint: () => Promise<void> = async () => {},
): Promise<ChainSamples> {
  const samples: ChainSamples = {
    ours: { ADD: {}, DEL: {} },
    go: { ADD: {}, DEL: {} },
  };
  for (let round = 0; round < plan.warmup + plan.rounds; round++) {
    await checkpoint();
    const keep = round >= plan.warmup ? samples : undefined;
    const order: readonly Side[] = round % 2 === 0 ? ['ours', 'go'] : ['go', 'ours'];
    for (const side of order) {
      await libcniRound(plan, side, `bench-chain-${side}-${round}`, keep, true);
      await libcniRound(plan, side, `bench-chain-${side}-${round}-np`, keep, false);
      const add = cnitoolRun(plan, side, 'add');
      const del = cnitoolRun(plan, side, 'del');
      if (keep !== undefined) {
        push(keep[side].ADD, 'cnitool', add);
        push(keep[side].DEL, 'cnitool', del);
      }
    }
  }
  return samples;
}
