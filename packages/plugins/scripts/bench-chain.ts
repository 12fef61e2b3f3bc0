#!/usr/bin/env bun
// Benchmark: podman's default chain (bridge with host-local → portmap → firewall →
// tuning, ipMasq on, one port mapping, and again without) ADD and DEL, our plugins against Debian's Go
// plugins in the same run, rounds interleaved (ours, Go / Go, ours). Each round runs the
// chain through libcni in process with a timing Exec (the figure for each plugin) and
// through the compiled cnitool (the whole command). Needs root; everything runs inside a
// throwaway host namespace and is removed at the end, also on failure.
//
//   bun packages/plugins/scripts/bench-chain.ts [--rounds N] [--warmup W] [--bin-dir DIR]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason, runCommand } from '@cni-ts/plugin-kit/testing';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { buildTemporaryBinDir } from './bench-bin.ts';
import { CHAIN_PLUGINS, chainNetwork } from './bench-chain-config.ts';
import { type ChainPlan, type ChainSamples, measureChain, NO_PORTS } from './bench-chain-inside.ts';
import { type Interruptions, runInterruptible } from './bench-interrupt.ts';
import { type BenchRow, formatBenchTable } from './bench-report.ts';
import {
  isRoundsArgsError,
  parseRoundsArgs,
  type RoundsArgs,
  roundsUsage,
} from './bench-rounds-args.ts';
import { SIDES, type Side } from './bench-scenarios.ts';
import { summarize } from './bench-stats.ts';

const DEFAULTS: RoundsArgs = { rounds: 20, warmup: 2, binDir: undefined };
const USAGE = roundsUsage('bench-chain.ts', 'ADD+DEL per side and per driver', DEFAULTS);

const SERIES = [
  'bridge',
  'portmap',
  'firewall',
  'tuning',
  'chain (libcni)',
  'cnitool',
  `portmap${NO_PORTS}`,
  `chain (libcni)${NO_PORTS}`,
];

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function buildCnitool(dir: string): string {
  const outfile = join(dir, 'cnitool');
  const main = join(import.meta.dir, '..', '..', 'cnitool', 'src', 'main.ts');
  // As the package's build script compiles it.
  const flags = ['--compile', '--minify', '--bytecode', '--format=esm'];
  runCommand([process.execPath, 'build', ...flags, main, '--outfile', outfile]);
  return outfile;
}

function rows(samples: ChainSamples): BenchRow[] {
  const list: BenchRow[] = [];
  for (const verb of ['ADD', 'DEL'] as const) {
    for (const series of SERIES) {
      const times = {
        ours: summarize(samples.ours[verb][series] ?? []),
        go: summarize(samples.go[verb][series] ?? []),
      };
      list.push({ scenario: series, verb, times, target: undefined, rssKib: {} });
    }
  }
  return list;
}

async function inside(planJson: string, { checkpoint }: Interruptions): Promise<number> {
  log('bench-chain: measuring…');
  const samples = await measureChain(JSON.parse(planJson) as ChainPlan, checkpoint);
  process.stdout.write(JSON.stringify(samples));
  return 0;
}

/**
 * Runs the measuring process to its end and returns its stdout. Interrupted (checkpoint
 * throws), it passes SIGTERM on, waits for the process to stop after its round, and
 * rethrows, so that the namespaces are removed after nothing runs in them any more.
 */
async function runInside(
  argv: readonly string[],
  plan: string,
  checkpoint: () => Promise<void>,
): Promise<string> {
  const child = Bun.spawn([...argv, plan], { stdout: 'pipe', stderr: 'inherit' });
  const stdout = new Response(child.stdout).text();
  let done = false;
  void child.exited.then(() => {
    done = true;
  });
  try {
    while (!done) {
      await Promise.race([child.exited, Bun.sleep(100)]);
      await checkpoint();
    }
  } catch (error) {
    child.kill('SIGTERM');
    await child.exited;
    throw error;
  }
  const code = await child.exited;
  if (code !== 0) throw new Error(`the measuring process exited ${code}`);
  return await stdout;
}

async function outside(args: RoundsArgs, { checkpoint }: Interruptions): Promise<number> {
  const skip = netnsSkipReason();
  if (skip !== null) {
    log(`cannot benchmark: ${skip}`);
    return 1;
  }
  const missing = CHAIN_PLUGINS.filter((name) => !existsSync(join(GO_PLUGIN_DIR, name)));
  if (missing.length > 0) {
    log(
      `cannot benchmark: ${GO_PLUGIN_DIR} lacks ${missing.join(', ')} (containernetworking-plugins)`,
    );
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'cnits-bench-chain-'));
  const host = `cnits-bchain-${process.pid}`;
  const containers = SIDES.flatMap((side) => [`${host}-${side}-l`, `${host}-${side}-c`]);
  const built = args.binDir === undefined ? buildTemporaryBinDir(log) : undefined;
  try {
    const cnitool = buildCnitool(work);
    for (const name of [host, ...containers]) runCommand(['ip', 'netns', 'add', name]);
    runCommand(['ip', 'netns', 'exec', host, 'ip', 'link', 'set', 'lo', 'up']);
    const binDirs: Record<Side, string> = { ours: built ?? args.binDir ?? '', go: GO_PLUGIN_DIR };
    const sides = Object.fromEntries(
      SIDES.map((side) => {
        const dir = join(work, side);
        const confDir = join(dir, 'net.d');
        mkdirSync(confDir, { recursive: true });
        const network = chainNetwork(side, dir);
        const conflist = JSON.stringify(network.conflist);
        writeFileSync(join(confDir, `${network.name}.conflist`), conflist);
        const netns = [`/run/netns/${host}-${side}-l`, `/run/netns/${host}-${side}-c`] as const;
        const cacheDir = join(dir, 'cache');
        return [
          side,
          { binDir: binDirs[side], confDir, cacheDir, network: network.name, conflist, netns },
        ];
      }),
    ) as ChainPlan['sides'];
    const plan: ChainPlan = { rounds: args.rounds, warmup: args.warmup, cnitool, sides };
    log(
      `kernel ${runCommand(['uname', '-r']).stdout.trim()}, bun ${Bun.version}; ` +
        `${args.rounds} rounds after ${args.warmup} warm-up; Go plugins ${GO_PLUGIN_DIR}`,
    );
    const stdout = await runInside(
      ['ip', 'netns', 'exec', host, process.execPath, import.meta.path, '--inside'],
      JSON.stringify(plan),
      checkpoint,
    );
    const samples = JSON.parse(stdout) as ChainSamples;
    process.stdout.write(
      `${formatBenchTable(rows(samples))}\n` +
        'Per plugin: wall-clock ms of each plugin process (spawn to exit) as libcni ran it; ' +
        "ours runs host-local in process, Go's bridge execs it (inside bridge's figure).\n" +
        "'chain (libcni)': the whole list through libcni in process; 'cnitool': the compiled " +
        "cnitool command, start to exit, the same for both sides; '…, no ports': the same " +
        'chain for a container without published ports (bridge, firewall and tuning as above).\n',
    );
    return 0;
  } finally {
    for (const name of [...containers, host]) {
      Bun.spawnSync(['ip', 'netns', 'del', name], { stdout: 'ignore', stderr: 'ignore' });
    }
    rmSync(work, { recursive: true, force: true });
    if (built !== undefined) rmSync(built, { recursive: true, force: true });
  }
}

async function main(interruptions: Interruptions): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--inside') return inside(argv[1] ?? '{}', interruptions);
  if (argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let args: RoundsArgs;
  try {
    args = parseRoundsArgs(argv, DEFAULTS);
  } catch (error) {
    if (!isRoundsArgsError(error)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}`);
    return 2;
  }
  return outside(args, interruptions);
}

process.exitCode = await runInterruptible(main);
