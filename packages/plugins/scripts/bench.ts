#!/usr/bin/env bun
// Benchmark: our plugins against the Go reference plugins (Debian's, /usr/lib/cni) in the
// same run. `bun packages/plugins/scripts/bench.ts [--iterations N] [--warmup W] …`
// (--help lists the options). Needs root: every plugin process runs inside a throwaway
// host namespace, each ADD/DEL pair in a fresh container namespace; all of it, and the
// temporary build, is removed at the end, on failure and on Ctrl-C. Prints median and p95
// wall-clock milliseconds per verb, our median over Go's against the targets, and
// the peak RSS of one exec; then a compiled Bun hello-world (same Bun, same flags) timed
// interleaved with our VERSION, the start-up floor, and the peak-RSS ceiling.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason } from '@cni-ts/plugin-kit/testing';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { BENCH_USAGE, type BenchArgs, isBenchUsageError, parseBenchArgs } from './bench-args.ts';
import { buildTemporaryBinDir } from './bench-bin.ts';
import { haveGnuTime } from './bench-exec.ts';
import { buildHelloWorld, formatFloor, measureFloor } from './bench-floor.ts';
import { type Interruptions, runInterruptible } from './bench-interrupt.ts';
import { type BenchRow, formatBenchTable, workSplitLine } from './bench-report.ts';
import { type BenchContext, harnessOverhead, isBenchExecError, runScenario } from './bench-run.ts';
import { benchScenarios, type Scenario, SIDES, VERSION_VIA_HOST } from './bench-scenarios.ts';
import { median } from './bench-stats.ts';

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function toolVersion(argv: readonly string[]): string {
  try {
    const done = Bun.spawnSync([...argv], { stdout: 'pipe', stderr: 'pipe' });
    return `${done.stdout.toString()}${done.stderr.toString()}`.trim().split('\n')[0] ?? '?';
  } catch {
    return 'not installed';
  }
}

/** The plugins of the scenario a side's directory lacks. */
function missingPlugins(scenario: Scenario, dir: string): string[] {
  return scenario.needs.filter((name) => !existsSync(join(dir, name)));
}

/** Runs every selected scenario; a plugin failure becomes a note and the run goes on. */
async function runAll(
  args: BenchArgs,
  ctx: BenchContext,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const scenarios = benchScenarios(args.stacks).filter(
    (scenario) => args.only.length === 0 || args.only.some((text) => scenario.name.includes(text)),
  );
  for (const scenario of scenarios) {
    const sides = SIDES.filter((side) => missingPlugins(scenario, ctx.binDirs[side]).length === 0);
    for (const side of SIDES.filter((s) => !sides.includes(s))) {
      const missing = missingPlugins(scenario, ctx.binDirs[side]).join(', ');
      notes.push(`${scenario.name}: ${side} not measured, ${ctx.binDirs[side]} lacks ${missing}`);
    }
    if (sides.length === 0) continue;
    log(`running ${scenario.name}…`);
    try {
      const result = await runScenario(ctx, scenario, sides);
      rows.push(...result.rows);
      if (result.leftovers.length > 0) {
        const lines = result.leftovers.join(' | ');
        notes.push(
          `${scenario.name}: DEL left ${result.leftovers.length} iptables lines: ${lines}`,
        );
      }
    } catch (error) {
      if (!isBenchExecError(error)) throw error;
      await ctx.checkpoint(); // a Ctrl-C kills the plugin too: stop rather than go on
      notes.push(`${scenario.name}: failed: ${error.message}`);
    }
  }
  return { rows, notes };
}

function rssFootnote(args: BenchArgs): string {
  if (!args.rss) return 'Peak RSS not measured (--no-rss).';
  if (!haveGnuTime()) return 'Peak RSS not measured: /usr/bin/time missing (Debian package time).';
  return 'Peak RSS and minor page faults: one exec under GNU time; RSS of the largest process of the exec tree (plugin, IPAM delegate, iptables), faults summed over it.';
}

/** Peak RSS per plugin exec: the ceiling, against the largest of ours measured. */
const RSS_TARGET_MIB = 30;

function rssTarget(rows: readonly BenchRow[]): string | undefined {
  const measured = rows.filter((row) => row.rssKib.ours !== undefined);
  if (measured.length === 0) return undefined;
  const top = measured.reduce((a, b) => ((b.rssKib.ours ?? 0) > (a.rssKib.ours ?? 0) ? b : a));
  const mib = (top.rssKib.ours ?? 0) / 1024;
  return (
    `peak RSS target <=${RSS_TARGET_MIB} MiB per plugin exec: ours at most ${mib.toFixed(1)} MiB ` +
    `(${top.scenario} ${top.verb}): ${mib <= RSS_TARGET_MIB ? 'yes' : 'NO'}`
  );
}

/** The hello-world floor against our VERSION, when the start-up scenario is selected. */
async function floorLines(args: BenchArgs, ctx: BenchContext): Promise<string[]> {
  const wanted =
    args.only.length === 0 || args.only.some((text) => 'startup (VERSION)'.includes(text));
  if (!wanted) return [];
  const dir = mkdtempSync(join(tmpdir(), 'cnits-bench-floor-'));
  try {
    log('running start-up floor (Bun hello-world)…');
    const hello = buildHelloWorld(dir);
    const version = {
      argv: [join(ctx.binDirs.ours, 'loopback')],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CNI_COMMAND: 'VERSION' },
      stdin: '',
    };
    const result = await measureFloor(version, hello, {
      iterations: Math.max(args.iterations, 20),
      warmup: args.warmup,
      rss: ctx.rss,
      scratch: join(dir, 'time.out'),
      checkpoint: () => ctx.checkpoint(),
    });
    return [formatFloor(result)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bench(args: BenchArgs, ctx: BenchContext): Promise<void> {
  log(
    `kernel ${toolVersion(['uname', '-r'])}, bun ${Bun.version}, ${toolVersion(['iptables', '--version'])}, ` +
      `Go plugins ${GO_PLUGIN_DIR}; ${args.iterations} iterations after ${args.warmup} warm-up`,
  );
  const overhead = median(harnessOverhead(Math.max(5, args.iterations)));
  const { rows, notes } = await runAll(args, ctx);
  const floor = await floorLines(args, ctx);
  const rssLine = rssTarget(rows);
  const splits = ['v4', 'dual'].flatMap((stack) =>
    [`portmap nftables ${stack}`, `portmap nftables, busy conntrack ${stack}`].flatMap((name) => {
      const line = workSplitLine(
        rows,
        name,
        `portmap nftables, no mappings ${stack}`,
        VERSION_VIA_HOST,
      );
      return line === undefined ? [] : [line];
    }),
  );
  const lines = [
    formatBenchTable(rows),
    ...floor,
    ...(rssLine === undefined ? [] : [rssLine]),
    ...splits,
    'Times are wall-clock milliseconds per exec (spawn to exit). Every pair exec goes through ' +
      `'ip netns exec' (median ${overhead.toFixed(1)} ms for /bin/true), paid by both sides; ` +
      `'${VERSION_VIA_HOST}' is VERSION started the same way, and the splits compare with it.`,
    rssFootnote(args),
    ...notes.map((note) => `note: ${note}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main({ checkpoint }: Interruptions): Promise<number> {
  let args: BenchArgs;
  try {
    if (process.argv.includes('--help')) {
      process.stdout.write(BENCH_USAGE);
      return 0;
    }
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!isBenchUsageError(error)) throw error;
    process.stderr.write(`${error.message}\n${BENCH_USAGE}`);
    return 2;
  }
  const skip = netnsSkipReason();
  if (skip !== null) {
    log(`cannot benchmark: ${skip}`);
    return 1;
  }
  const built = args.binDir === undefined ? buildTemporaryBinDir(log) : undefined;
  try {
    const ctx: BenchContext = {
      binDirs: { ours: built ?? args.binDir ?? '', go: GO_PLUGIN_DIR },
      iterations: args.iterations,
      warmup: args.warmup,
      rss: args.rss && haveGnuTime(),
      checkpoint,
    };
    await bench(args, ctx);
    return 0;
  } finally {
    if (built !== undefined) rmSync(built, { recursive: true, force: true });
  }
}

process.exit(await runInterruptible(main));
