import { join } from 'node:path';
import { createTestNetns } from '@cni-ts/plugin-kit/testing';
import { createPluginWorld, type PluginWorld, pluginCommand } from '../test/_world.ts';
import {
  describeFailure,
  type ExecOutcome,
  type ExecSpec,
  measuredExec,
  timedExec,
} from './bench-exec.ts';
import type { BenchRow } from './bench-report.ts';
import { type BenchVerb, type Scenario, SIDES, type Side } from './bench-scenarios.ts';
import { summarize } from './bench-stats.ts';

// Runs one scenario: both sides interleaved (the side that goes first alternates), each
// ADD/DEL pair in a fresh container namespace, every plugin process inside the scenario's
// throwaway host namespace. Everything made is removed before it returns or throws.

export interface BenchContext {
  /** CNI_PATH per side. */
  readonly binDirs: Readonly<Record<Side, string>>;
  readonly iterations: number;
  readonly warmup: number;
  /** Measure peak RSS with GNU time (one extra pair per side). */
  readonly rss: boolean;
  /** Called between execs: lets signal handlers run and throws when the run must stop. */
  checkpoint(): Promise<void>;
}

/** A plugin that did not exit 0. */
export class BenchExecError extends Error {
  override readonly name = 'BenchExecError';
}

export function isBenchExecError(error: unknown): error is BenchExecError {
  return error instanceof BenchExecError;
}

const PATH = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin';

function versionSpec(binDir: string, scenario: Scenario, world: PluginWorld): ExecSpec {
  // VERSION touches nothing, so it runs without a namespace (pure start-up cost), unless
  // the scenario asks for the pair execs' harness.
  const plugin = join(binDir, scenario.type);
  return {
    argv: scenario.viaHost === true ? ['ip', 'netns', 'exec', world.host.name, plugin] : [plugin],
    env: { PATH, CNI_COMMAND: 'VERSION' },
    stdin: JSON.stringify({ cniVersion: '1.0.0' }),
  };
}

function pluginSpec(
  binDir: string,
  scenario: Scenario,
  command: 'ADD' | 'DEL',
  config: Record<string, unknown>,
  world: PluginWorld,
  netns: string,
  containerId: string,
): ExecSpec {
  const { argv, env } = pluginCommand({
    binDir,
    type: scenario.type,
    command,
    config,
    host: world.host,
    netns,
    containerId,
    ifName: 'eth0',
  });
  return { argv, env, stdin: JSON.stringify(config) };
}

/** An exec's outcome, with its peak RSS when it ran under GNU time. */
type Measured = ExecOutcome & {
  readonly rssKib?: number | undefined;
  readonly minorFaults?: number | undefined;
};
type Runner = (spec: ExecSpec, verb: BenchVerb) => Measured;

function checked(what: string, outcome: Measured): Measured {
  if (outcome.exitCode !== 0) throw new BenchExecError(describeFailure(what, outcome));
  return outcome;
}

/**
 * ADD then DEL (with the ADD result as prevResult, as libcni sends it for a list) in a
 * new container namespace, removed afterwards. Returns the time of each.
 */
function runPair(
  ctx: BenchContext,
  scenario: Scenario,
  side: Side,
  world: PluginWorld,
  serial: number,
  run: Runner,
): Record<'ADD' | 'DEL', Measured> {
  const container = createTestNetns('cnits-bc');
  try {
    const binDir = ctx.binDirs[side];
    const config = scenario.config(side, world.dataDir);
    const id = `bench-${side}-${serial}`;
    const label = `${side} ${scenario.name}`;
    const addSpec = pluginSpec(binDir, scenario, 'ADD', config, world, container.path, id);
    const add = checked(`${label} ADD`, run(addSpec, 'ADD'));
    const withPrev = { ...config, prevResult: JSON.parse(add.stdout) as unknown };
    const delSpec = pluginSpec(binDir, scenario, 'DEL', withPrev, world, container.path, id);
    const del = checked(`${label} DEL`, run(delSpec, 'DEL'));
    return { ADD: add, DEL: del };
  } finally {
    container.remove();
  }
}

function verbsOf(scenario: Scenario): BenchVerb[] {
  return scenario.kind === 'version' ? ['VERSION'] : ['ADD', 'DEL'];
}

/** One measurement of each verb for a side; `run` picks timing or memory. */
function once(
  ctx: BenchContext,
  scenario: Scenario,
  side: Side,
  world: PluginWorld,
  serial: number,
  run: Runner,
): Partial<Record<BenchVerb, Measured>> {
  if (scenario.kind === 'version') {
    const spec = versionSpec(ctx.binDirs[side], scenario, world);
    return { VERSION: checked(`${side} VERSION`, run(spec, 'VERSION')) };
  }
  return runPair(ctx, scenario, side, world, serial, run);
}

/**
 * Lines of iptables-save in the host namespace that mention a per-attachment CNI- chain (a
 * DEL leaked); portmap's shared CNI-HOSTPORT-* chains stay by design.
 */
export function leftoverRules(world: PluginWorld): string[] {
  return ['iptables-save', 'ip6tables-save'].flatMap((tool) => {
    try {
      return world.host
        .exec([tool, '-t', 'nat'])
        .split('\n')
        .filter((line) => /CNI-(?!HOSTPORT-)/.test(line));
    } catch {
      return [];
    }
  });
}

type Series = Map<string, number[]>;
const seriesKey = (side: Side, verb: BenchVerb): string => `${side} ${verb}`;

/** Warm-up, then the measured pairs; the side that goes first alternates. */
async function timeScenario(
  ctx: BenchContext,
  scenario: Scenario,
  sides: readonly Side[],
  world: PluginWorld,
  serial: { next: number },
): Promise<Series> {
  const series: Series = new Map();
  for (let i = 0; i < ctx.warmup + ctx.iterations; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const outcome = once(ctx, scenario, side, world, serial.next++, timedExec);
      for (const verb of i < ctx.warmup ? [] : verbsOf(scenario)) {
        const ms = outcome[verb]?.ms;
        const key = seriesKey(side, verb);
        if (ms !== undefined) series.set(key, [...(series.get(key) ?? []), ms]);
      }
      await ctx.checkpoint();
    }
  }
  return series;
}

/** One more exec of each verb per side under GNU time: peak RSS in KiB. */
async function measureRss(
  ctx: BenchContext,
  scenario: Scenario,
  sides: readonly Side[],
  world: PluginWorld,
  serial: { next: number },
): Promise<{ rss: Map<string, number>; faults: Map<string, number> }> {
  const rss = new Map<string, number>();
  const faults = new Map<string, number>();
  const scratch = join(world.dir, 'time.out');
  for (const side of sides) {
    const outcome = once(ctx, scenario, side, world, serial.next++, (spec) =>
      measuredExec(spec, scratch),
    );
    for (const verb of verbsOf(scenario)) {
      const kib = outcome[verb]?.rssKib;
      if (kib !== undefined) rss.set(seriesKey(side, verb), kib);
      const minor = outcome[verb]?.minorFaults;
      if (minor !== undefined) faults.set(seriesKey(side, verb), minor);
    }
    await ctx.checkpoint();
  }
  return { rss, faults };
}

/**
 * Measures a scenario for `sides` (both by default; one when the other lacks a plugin) in
 * a new host namespace; returns one row per verb, plus leaked-rule warnings.
 */
export async function runScenario(
  ctx: BenchContext,
  scenario: Scenario,
  sides: readonly Side[] = SIDES,
): Promise<{ rows: BenchRow[]; leftovers: string[] }> {
  const world = createPluginWorld(0);
  try {
    scenario.prepareHost?.(world.host);
    const serial = { next: 0 };
    const series = await timeScenario(ctx, scenario, sides, world, serial);
    const measured = ctx.rss
      ? await measureRss(ctx, scenario, sides, world, serial)
      : { rss: new Map<string, number>(), faults: new Map<string, number>() };
    const leftovers = scenario.kind === 'pair' ? leftoverRules(world) : [];
    const of = (figures: Map<string, number>, side: Side, verb: BenchVerb) => {
      const value = figures.get(seriesKey(side, verb));
      return value === undefined ? {} : { [side]: value };
    };
    const rssOf = (side: Side, verb: BenchVerb) => of(measured.rss, side, verb);
    const faultsOf = (side: Side, verb: BenchVerb) => of(measured.faults, side, verb);
    const rows = verbsOf(scenario).map(
      (verb): BenchRow => ({
        scenario: scenario.name,
        verb,
        times: {
          ours: summarize(series.get(seriesKey('ours', verb)) ?? []),
          go: summarize(series.get(seriesKey('go', verb)) ?? []),
        },
        target: scenario.targets[verb],
        rssKib: { ...rssOf('ours', verb), ...rssOf('go', verb) },
        minorFaults: { ...faultsOf('ours', verb), ...faultsOf('go', verb) },
      }),
    );
    return { rows, leftovers };
  } finally {
    world.remove();
  }
}

/**
 * The cost of the harness itself: `ip netns exec <host> /bin/true` (the namespace switch
 * and sysfs remount every pair exec pays on both sides), `runs` times, in milliseconds.
 */
export function harnessOverhead(runs: number): number[] {
  const world = createPluginWorld(0);
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const outcome = timedExec({
        argv: ['ip', 'netns', 'exec', world.host.name, '/bin/true'],
        env: { PATH },
        stdin: '',
      });
      samples.push(outcome.ms);
    }
    return samples;
  } finally {
    world.remove();
  }
}
