import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExecSpec, measuredExec, timedExec } from './bench-exec.ts';
import { dropFromPageCache } from './bench-page-cache.ts';
import { type Summary, summarize } from './bench-stats.ts';
import { COMPILE_FLAGS } from './build-plugins.ts';

// The start-up floor: a compiled Bun hello-world, built by the same Bun with the same
// flags as our executable and timed interleaved with our VERSION, so that the ratio says
// how much of our start-up is ours rather than Bun's.

/** The target: our VERSION at most this many times the hello-world. */
export const FLOOR_TARGET = 1.3;

/** Compiles a `console.log` hello-world into `dir`; returns its path. */
export function buildHelloWorld(dir: string): string {
  const source = join(dir, 'hello.ts');
  const outfile = join(dir, 'bun-hello-world');
  writeFileSync(source, "console.log('hello');\n");
  const built = Bun.spawnSync(
    [process.execPath, 'build', ...COMPILE_FLAGS, source, '--outfile', outfile],
    {
      stdout: 'pipe',
      stderr: 'pipe',
    },
  );
  if (built.exitCode !== 0) {
    throw new Error(`bun build of the hello-world failed: ${built.stderr.toString()}`);
  }
  dropFromPageCache([outfile]); // read back from disk like ours (see bench-page-cache.ts)
  return outfile;
}

export interface FloorResult {
  readonly ours: Summary;
  readonly floor: Summary;
  /** Peak RSS in KiB of one exec each; undefined when not measured. */
  readonly oursRssKib: number | undefined;
  readonly floorRssKib: number | undefined;
}

export interface FloorOptions {
  readonly iterations: number;
  readonly warmup: number;
  readonly rss: boolean;
  /** Where GNU time writes its report. */
  readonly scratch: string;
  checkpoint(): Promise<void>;
}

/** Times our VERSION (`version`) against the hello-world, A B A B, the first alternating. */
export async function measureFloor(
  version: ExecSpec,
  hello: string,
  options: FloorOptions,
): Promise<FloorResult> {
  const floorSpec: ExecSpec = { argv: [hello], env: version.env, stdin: '' };
  const specs = { ours: version, floor: floorSpec };
  const times: Record<'ours' | 'floor', number[]> = { ours: [], floor: [] };
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    const order = i % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const);
    for (const side of order) {
      const outcome = timedExec(specs[side]);
      if (outcome.exitCode !== 0)
        throw new Error(`${side} start-up exec exited ${outcome.exitCode}`);
      if (i >= options.warmup) times[side].push(outcome.ms);
      await options.checkpoint();
    }
  }
  const rssOf = (spec: ExecSpec) =>
    options.rss ? measuredExec(spec, options.scratch).rssKib : undefined;
  return {
    ours: summarize(times.ours),
    floor: summarize(times.floor),
    oursRssKib: rssOf(version),
    floorRssKib: rssOf(floorSpec),
  };
}

/** The floor as lines under the table. */
export function formatFloor(result: FloorResult): string {
  const value = result.ours.median / result.floor.median;
  const mib = (kib: number | undefined) => (kib === undefined ? '-' : (kib / 1024).toFixed(1));
  return [
    `start-up floor: a compiled Bun hello-world (same Bun, same flags) median ${result.floor.median.toFixed(1)} ms, ` +
      `p95 ${result.floor.p95.toFixed(1)} ms, peak RSS ${mib(result.floorRssKib)} MiB;`,
    `  our VERSION in the same rounds median ${result.ours.median.toFixed(1)} ms, p95 ${result.ours.p95.toFixed(1)} ms, ` +
      `peak RSS ${mib(result.oursRssKib)} MiB: ${value.toFixed(2)}x the floor ` +
      `(target <=${FLOOR_TARGET}x: ${value <= FLOOR_TARGET ? 'yes' : 'NO'})`,
  ].join('\n');
}
