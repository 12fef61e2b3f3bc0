#!/usr/bin/env bun
// Benchmark (issue 23): what the nftables masquerade adds to a bridge + host-local ADD and
// DEL. The same config with ipMasq on the nftables backend and without ipMasq, rounds
// interleaved (masq, plain / plain, masq), our plugins only; each exec is timed to its
// result (first byte on stdout) and to its exit, so the figure shows how much of the cost
// is our work and how much the process's exit. Root; a throwaway host namespace and one
// container namespace per exec, all removed at the end, also on failure.
//
//   bun packages/plugins/scripts/bench-masq.ts [--rounds N] [--warmup W] [--bin-dir DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason, runCommand } from '@cni-ts/plugin-kit/testing';
import { buildTemporaryBinDir } from './bench-bin.ts';
import { type Interruptions, runInterruptible } from './bench-interrupt.ts';
import { type ResultTiming, timeToResultAndExit } from './bench-result-exec.ts';
import {
  isRoundsArgsError,
  parseRoundsArgs,
  type RoundsArgs,
  roundsUsage,
} from './bench-rounds-args.ts';
import { median, p95, pairedMedian } from './bench-stats.ts';

type Mode = 'nftables masquerade' | 'no masquerade';
const MODES: readonly Mode[] = ['nftables masquerade', 'no masquerade'];
const VERBS = ['ADD', 'DEL'] as const;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

const DEFAULTS: RoundsArgs = { rounds: 30, warmup: 2, binDir: undefined };
const USAGE = roundsUsage('bench-masq.ts', 'one ADD+DEL per mode', DEFAULTS);

function config(mode: Mode, dataDir: string): object {
  return {
    cniVersion: '1.0.0',
    name: mode === 'no masquerade' ? 'bench-plain' : 'bench-masq',
    type: 'bridge',
    bridge: mode === 'no masquerade' ? 'cnitsbm0' : 'cnitsbm1',
    isGateway: true,
    ...(mode === 'no masquerade' ? {} : { ipMasq: true, ipMasqBackend: 'nftables' }),
    ipam: {
      type: 'host-local',
      dataDir,
      ranges: [[{ subnet: mode === 'no masquerade' ? '10.99.220.0/24' : '10.99.221.0/24' }]],
    },
  };
}

type Samples = Record<Mode, Record<'ADD' | 'DEL', ResultTiming[]>>;

async function pair(
  host: string,
  binDir: string,
  mode: Mode,
  dataDir: string,
  id: string,
): Promise<Record<'ADD' | 'DEL', ResultTiming>> {
  const netns = `${host}-c`;
  runCommand(['ip', 'netns', 'add', netns]);
  try {
    const timings: Partial<Record<'ADD' | 'DEL', ResultTiming>> = {};
    for (const verb of VERBS) {
      const timing = await timeToResultAndExit(
        ['ip', 'netns', 'exec', host, join(binDir, 'bridge')],
        {
          PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          CNI_COMMAND: verb,
          CNI_CONTAINERID: id,
          CNI_NETNS: `/run/netns/${netns}`,
          CNI_IFNAME: 'eth0',
          CNI_PATH: binDir,
        },
        JSON.stringify(config(mode, dataDir)),
      );
      if (timing.exitCode !== 0) {
        throw new Error(`${mode} ${verb} exited ${timing.exitCode}: ${timing.output}`);
      }
      timings[verb] = timing;
    }
    return timings as Record<'ADD' | 'DEL', ResultTiming>;
  } finally {
    runCommand(['ip', 'netns', 'del', netns]);
  }
}

function report(samples: Samples): string {
  const rows = [['mode', 'verb', 'exit med', 'exit p95', 'result med', 'after result med']];
  for (const verb of VERBS) {
    for (const mode of MODES) {
      const list = samples[mode][verb];
      const exits = list.map((t) => t.exitMs);
      rows.push([
        mode,
        verb,
        median(exits).toFixed(1),
        p95(exits).toFixed(1),
        median(list.map((t) => t.resultMs)).toFixed(1),
        median(list.map((t) => t.exitMs - t.resultMs)).toFixed(1),
      ]);
    }
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  '),
  );
  const added = VERBS.map((verb) => {
    const cost = (mode: Mode) => median(samples[mode][verb].map((t) => t.exitMs));
    const toResult = (mode: Mode) => median(samples[mode][verb].map((t) => t.resultMs));
    const total = cost('nftables masquerade') - cost('no masquerade');
    const before = toResult('nftables masquerade') - toResult('no masquerade');
    const paired = pairedMedian(
      samples['nftables masquerade'][verb].map((t) => t.exitMs),
      samples['no masquerade'][verb].map((t) => t.exitMs),
    );
    return (
      `${verb}: the masquerade adds ${total.toFixed(1)} ms to the exec (${before.toFixed(1)} ms before the result; target <=3 ms: ${total <= 3 ? 'yes' : 'NO'}); ` +
      `median of the per-round differences ${paired.toFixed(1)} ms (target: ${paired <= 3 ? 'yes' : 'NO'})`
    );
  });
  return [...lines, ...added].join('\n');
}

async function main({ checkpoint }: Interruptions): Promise<number> {
  const argv = process.argv.slice(2);
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
  const skip = netnsSkipReason();
  if (skip !== null) {
    log(`cannot benchmark: ${skip}`);
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'cnits-bench-masq-'));
  const host = `cnits-bmasq-${process.pid}`;
  const built = args.binDir === undefined ? buildTemporaryBinDir(log) : undefined;
  const binDir = built ?? args.binDir ?? '';
  try {
    runCommand(['ip', 'netns', 'add', host]);
    runCommand(['ip', 'netns', 'exec', host, 'ip', 'link', 'set', 'lo', 'up']);
    const samples: Samples = {
      'nftables masquerade': { ADD: [], DEL: [] },
      'no masquerade': { ADD: [], DEL: [] },
    };
    const { warmup } = args;
    log(`bench-masq: ${warmup} warm-up and ${args.rounds} measured rounds…`);
    for (let round = 0; round < warmup + args.rounds; round++) {
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        await checkpoint();
        const timings = await pair(host, binDir, mode, join(work, 'ipam'), `bm-${round}`);
        if (round < warmup) continue;
        for (const verb of VERBS) samples[mode][verb].push(timings[verb]);
      }
    }
    log(`${args.rounds} rounds after ${warmup} warm-up, each exec through 'ip netns exec'`);
    process.stdout.write(`${report(samples)}\n`);
    return 0;
  } finally {
    Bun.spawnSync(['ip', 'netns', 'del', `${host}-c`], { stdout: 'ignore', stderr: 'ignore' });
    Bun.spawnSync(['ip', 'netns', 'del', host], { stdout: 'ignore', stderr: 'ignore' });
    rmSync(work, { recursive: true, force: true });
    if (built !== undefined) rmSync(built, { recursive: true, force: true });
  }
}

process.exitCode = await runInterruptible(main);
