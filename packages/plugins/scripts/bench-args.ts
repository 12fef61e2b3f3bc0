// Command line of scripts/bench.ts.

/** Which address families the network scenarios use. */
export type BenchStack = 'dual' | 'v4';

export interface BenchArgs {
  /** Measured ADD/DEL pairs per scenario and implementation. */
  readonly iterations: number;
  /** Unmeasured pairs first (the first ADD creates the bridge, loads modules…). */
  readonly warmup: number;
  /** Use this plugin directory (the multicall binary and its links) instead of building one. */
  readonly binDir: string | undefined;
  /** Run only scenarios whose name contains one of these. */
  readonly only: readonly string[];
  readonly stacks: readonly BenchStack[];
  /** Measure peak RSS (one extra ADD/DEL pair per scenario under GNU time). */
  readonly rss: boolean;
}

export const BENCH_USAGE = `usage: bun packages/plugins/scripts/bench.ts [options]
  --iterations N   measured ADD/DEL pairs per scenario and side (default 10)
  --warmup W       unmeasured pairs first (default 1)
  --bin-dir DIR    plugin directory to measure (default: build one into a temporary directory)
  --only TEXT      only scenarios whose name contains TEXT (repeatable)
  --stack S        dual, v4 or both (default both)
  --no-rss         skip the peak-memory pass
`;

/** A command line the benchmark cannot use. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export function isBenchUsageError(error: unknown): error is BenchUsageError {
  return error instanceof BenchUsageError;
}

function count(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) {
    throw new BenchUsageError(`${flag} wants an integer >= ${min}, got ${value ?? 'nothing'}`);
  }
  return n;
}

function stacks(value: string | undefined): BenchStack[] {
  if (value === 'both') return ['dual', 'v4'];
  if (value === 'dual' || value === 'v4') return [value];
  throw new BenchUsageError(`--stack wants dual, v4 or both, got ${value ?? 'nothing'}`);
}

/** Parses the arguments after the script name. Throws BenchUsageError. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let iterations = 10;
  let warmup = 1;
  let binDir: string | undefined;
  const only: string[] = [];
  let stack: BenchStack[] = ['dual', 'v4'];
  let rss = true;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--iterations':
        iterations = count(flag, value, 1);
        i++;
        break;
      case '--warmup':
        warmup = count(flag, value, 0);
        i++;
        break;
      case '--bin-dir':
        if (value === undefined) throw new BenchUsageError('--bin-dir wants a directory');
        binDir = value;
        i++;
        break;
      case '--only':
        if (value === undefined) throw new BenchUsageError('--only wants a text');
        only.push(value);
        i++;
        break;
      case '--stack':
        stack = stacks(value);
        i++;
        break;
      case '--no-rss':
        rss = false;
        break;
      default:
        throw new BenchUsageError(`unknown argument ${JSON.stringify(flag)}`);
    }
  }
  return { iterations, warmup, binDir, only, stacks: stack, rss };
}
