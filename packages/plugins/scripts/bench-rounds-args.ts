// The command line of the round-based benchmarks (bench-chain.ts, bench-masq.ts):
// `[--rounds N] [--warmup W] [--bin-dir DIR]`.

export interface RoundsArgs {
  /** Measured rounds. */
  readonly rounds: number;
  /** Unmeasured rounds first. */
  readonly warmup: number;
  /** Our plugins from this directory instead of a fresh build. */
  readonly binDir: string | undefined;
}

export class RoundsArgsError extends Error {
  override readonly name = 'RoundsArgsError';
}

export function isRoundsArgsError(error: unknown): error is RoundsArgsError {
  return error instanceof RoundsArgsError;
}

/** The usage text, with the script's name and what one round runs. */
export function roundsUsage(script: string, round: string, defaults: RoundsArgs): string {
  return `usage: ${script} [--rounds N] [--warmup W] [--bin-dir DIR]
  --rounds N     measured rounds, each ${round} (default ${defaults.rounds})
  --warmup W     unmeasured rounds first (default ${defaults.warmup})
  --bin-dir DIR  our plugins from DIR instead of a fresh build
`;
}

/** Parses the flags over `defaults`; anything else throws RoundsArgsError. */
export function parseRoundsArgs(argv: readonly string[], defaults: RoundsArgs): RoundsArgs {
  let { rounds, warmup, binDir } = defaults;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const count = Number(value);
    if (flag === '--rounds' && Number.isInteger(count) && count > 0) rounds = count;
    else if (flag === '--warmup' && Number.isInteger(count) && count >= 0) warmup = count;
    else if (flag === '--bin-dir' && value !== undefined) binDir = value;
    else throw new RoundsArgsError(`bad argument ${flag ?? ''} ${value ?? ''}`.trim());
  }
  return { rounds, warmup, binDir };
}
