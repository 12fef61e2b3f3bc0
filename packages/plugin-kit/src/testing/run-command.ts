// Commands that tests run (ip, go build, bun build, nft...), with a failure that says what
// happened: the command, its exit status or the signal that ended it, and what it printed.
// A child killed by Bun's test time-out ends with SIGTERM and an empty stderr; the message
// says so instead of printing nothing.

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string | Uint8Array;
}

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited with a non-zero status or was killed by a signal. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly signal: string | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(describeFailure(argv, exitCode, signal, stdout, stderr));
  }
}

export function isCommandFailed(error: unknown): error is CommandFailedError {
  return error instanceof CommandFailedError;
}

const TAIL = 4000;

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > TAIL ? `…${trimmed.slice(-TAIL)}` : trimmed;
}

function describeFailure(
  argv: readonly string[],
  exitCode: number | null,
  signal: string | null,
  stdout: string,
  stderr: string,
): string {
  const how =
    signal !== null
      ? `was killed by ${signal}${signal === 'SIGTERM' ? ' (a test time-out ends children so)' : ''}`
      : `exited with status ${exitCode}`;
  // An argument can be a whole JSON request: the message keeps its start.
  const command = argv.map((arg) => (arg.length > 200 ? `${arg.slice(0, 200)}…` : arg)).join(' ');
  const lines = [`${command} ${how}`];
  lines.push(stderr.trim() === '' ? 'stderr: (empty)' : `stderr: ${tail(stderr)}`);
  if (stdout.trim() !== '') lines.push(`stdout: ${tail(stdout)}`);
  return lines.join('\n');
}

/** Runs a command to completion; throws {@link CommandFailedError} unless it exits 0. */
export function runCommand(argv: readonly string[], options: CommandOptions = {}): CommandOutput {
  const { cwd, env, stdin } = options;
  const done = Bun.spawnSync([...argv], {
    ...(cwd === undefined ? {} : { cwd }),
    ...(env === undefined ? {} : { env }),
    stdin: typeof stdin === 'string' ? Buffer.from(stdin) : (stdin ?? 'ignore'),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const stdout = done.stdout.toString();
  const stderr = done.stderr.toString();
  // Typed as a number, but null when a signal ended the child.
  const exitCode: number | null = done.exitCode ?? null;
  const signal =
    done.signalCode === undefined || done.signalCode === null ? null : String(done.signalCode);
  if (exitCode !== 0 || signal !== null) {
    throw new CommandFailedError(argv, exitCode, signal, stdout, stderr);
  }
  return { stdout, stderr };
}
