/** The environment as the tool reads it: names to values (unset names are undefined). */
export type ToolEnv = Readonly<Record<string, string | undefined>>;

/**
 * Everything the CLI reads from or writes to the outside world, so that tests (and
 * runtimes embedding the commands) can run them in process: the environment, the working
 * directory the netns argument is resolved against, and the two output streams.
 */
export interface CliIo {
  readonly env: ToolEnv;
  readonly cwd: string;
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (plugin diagnostics, errors, warnings). */
  readonly stderr: (text: string) => void;
  /** True when standard output is a terminal (help is coloured only then). */
  readonly isTty: boolean;
}

/** The real process: `process.env`, `process.cwd()`, `process.stdout`/`stderr`. */
export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
  };
}

/** True for a value shaped like a {@link CliIo}. */
export function isCliIo(value: unknown): value is CliIo {
  if (typeof value !== 'object' || value === null) return false;
  const io = value as Partial<CliIo>;
  return (
    typeof io.env === 'object' &&
    typeof io.cwd === 'string' &&
    typeof io.stdout === 'function' &&
    typeof io.stderr === 'function'
  );
}

/** The io carried in a citty command context's `data`, or the real process when absent. */
export function ioOf(data: unknown): CliIo {
  return isCliIo(data) ? data : processIo();
}
