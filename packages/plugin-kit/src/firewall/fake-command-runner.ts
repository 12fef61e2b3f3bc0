import type { CommandResult, CommandRunner } from './command-runner.ts';

/** One command a fake runner was asked to run. */
export interface RecordedCommand {
  readonly argv: readonly string[];
  readonly stdin: string | undefined;
}

/** A CommandRunner that answers from `handler` and records every call. */
export interface FakeCommandRunner {
  readonly run: CommandRunner;
  readonly calls: readonly RecordedCommand[];
}

/** A successful result with the given standard output. */
export function commandOk(stdout = ''): CommandResult {
  return { exitCode: 0, stdout, stderr: '' };
}

/** A failed result. */
export function commandFailed(exitCode: number, stderr: string): CommandResult {
  return { exitCode, stdout: '', stderr };
}

/**
 * A fake runner for tests without root: `handler` sees each argv (and stdin) and returns
 * the result; by default every command succeeds with no output.
 */
export function createFakeCommandRunner(
  handler: (argv: readonly string[], stdin: string | undefined) => CommandResult = () =>
    commandOk(),
): FakeCommandRunner {
  const calls: RecordedCommand[] = [];
  return {
    calls,
    run(argv, stdin) {
      calls.push({ argv: [...argv], stdin });
      return handler(argv, stdin);
    },
  };
}
