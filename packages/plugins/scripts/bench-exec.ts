import { existsSync, readFileSync, rmSync } from 'node:fs';

// One plugin exec as the benchmark runs it: wall-clock time around spawn and wait, and,
// separately, peak resident memory through GNU time (wait4's ru_maxrss of the process and
// the children it waited for: the plugin, its IPAM delegate, iptables…). Bun's own
// resourceUsage cannot be used for memory: Bun starts children with vfork semantics, so
// the child's maximum RSS starts at the benchmark process's own.

/** argv, environment and standard input of one exec. */
export interface ExecSpec {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
}

export interface ExecOutcome {
  /** Wall-clock milliseconds from spawn to exit. */
  readonly ms: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Debian's `time` package. */
export const GNU_TIME = '/usr/bin/time';

export function haveGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

function spawn(argv: readonly string[], spec: ExecSpec): ExecOutcome {
  const stdin = Buffer.from(spec.stdin);
  const start = performance.now();
  const done = Bun.spawnSync([...argv], {
    env: { ...spec.env },
    stdin,
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const ms = performance.now() - start;
  return {
    ms,
    exitCode: done.exitCode ?? 128,
    stdout: done.stdout.toString(),
    stderr: done.stderr.toString(),
  };
}

/** Runs the exec and times it. */
export function timedExec(spec: ExecSpec): ExecOutcome {
  return spawn(spec.argv, spec);
}

/** What a failed exec said, for an error message. */
export function describeFailure(what: string, outcome: ExecOutcome): string {
  const out = `${outcome.stdout}${outcome.stderr}`.trim();
  return `${what} exited ${outcome.exitCode}: ${out === '' ? '(no output)' : out}`;
}

/**
 * Runs the exec under GNU time and returns its outcome with the peak RSS in KiB and the
 * minor page faults (each the figure of the exec and every process it waited for; the
 * faults summed). `scratch` is a file path for time's report, removed afterwards.
 */
export function measuredExec(
  spec: ExecSpec,
  scratch: string,
): ExecOutcome & { readonly rssKib: number | undefined; readonly minorFaults: number | undefined } {
  try {
    const outcome = spawn([GNU_TIME, '-f', '%M %R', '-o', scratch, ...spec.argv], spec);
    // time writes "Command exited with non-zero status N" before the figures on failure.
    const last = readFileSync(scratch, 'utf8').trim().split('\n').at(-1) ?? '';
    const [kib, faults] = last.split(' ').map((field) => Number.parseInt(field, 10));
    return {
      ...outcome,
      rssKib: kib === undefined || Number.isNaN(kib) ? undefined : kib,
      minorFaults: faults === undefined || Number.isNaN(faults) ? undefined : faults,
    };
  } finally {
    rmSync(scratch, { force: true });
  }
}
