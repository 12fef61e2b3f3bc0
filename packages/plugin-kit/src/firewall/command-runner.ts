import type { NftSocket } from '../netlink/netfilter/nft-socket.ts';
import type { Netns } from '../netns/netns.ts';
import { withNetns } from '../netns/netns.ts';
import { EXIT_TOOL_MISSING, FirewallError, type FirewallTool } from './firewall-error.ts';

/** What a finished command gave back. */
export interface CommandResult {
  /** EXIT_TOOL_MISSING (127) when the executable could not be found. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one command to completion, synchronously: argv[0] is looked up on PATH, `stdin` (if
 * given) is written to its standard input. The kit's real runner is spawnCommand; tests pass
 * a fake (createFakeCommandRunner) to see the exact argv lists and batches.
 */
export type CommandRunner = (argv: readonly string[], stdin?: string) => CommandResult;

/** Where and how the firewall tools run. */
export interface FirewallExecOptions {
  /**
   * Run the tools inside this network namespace (the JavaScript thread switches in, starts
   * the process and switches back; the tool then lives in `netns`). Default: the process's
   * current namespace, which is the runtime's host namespace for a plugin.
   */
  readonly netns?: Netns;
  /** Default: spawnCommand. */
  readonly runner?: CommandRunner;
  /**
   * Opens the nf_tables socket of the nftables backend (default: a NETLINK_NETFILTER socket
   * in `netns`). Tests pass one over a fake transport.
   */
  readonly nftSocket?: () => NftSocket;
}

/** True when starting a process failed because the executable does not exist. */
export function isMissingExecutable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || String(error).includes('Executable not found');
}

/** What a run of a missing executable reports: exit 127 and Go's exec error text. */
export function missingExecutableResult(argv: readonly string[]): CommandResult {
  return {
    exitCode: EXIT_TOOL_MISSING,
    stdout: '',
    stderr: `exec: "${argv[0] ?? ''}": executable file not found in $PATH`,
  };
}

/** The real runner: Bun.spawnSync with piped output and the caller's environment. */
export const spawnCommand: CommandRunner = (argv, stdin) => {
  try {
    const result = Bun.spawnSync([...argv], {
      stdin: stdin === undefined ? 'ignore' : new TextEncoder().encode(stdin),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    return {
      // A process killed by a signal has no exit code; report it as a failure.
      exitCode: result.exitCode ?? 128,
      stdout: result.stdout.toString(),
      stderr: result.stderr.toString(),
    };
  } catch (error) {
    if (isMissingExecutable(error)) return missingExecutableResult(argv);
    throw error;
  }
};

/**
 * Runs `tool args…` where `options` says and returns the result without judging it.
 * Starting the process is synchronous, so switching the namespace around it is safe.
 */
export function tryTool(
  tool: FirewallTool,
  args: readonly string[],
  options: FirewallExecOptions = {},
  stdin?: string,
): CommandResult {
  const runner = options.runner ?? spawnCommand;
  const argv = [tool, ...args];
  const run = (): CommandResult => runner(argv, stdin);
  return options.netns === undefined ? run() : withNetns(options.netns, run);
}

/** Runs `tool args…` and returns its standard output; a non-zero exit is a FirewallError. */
export function runTool(
  tool: FirewallTool,
  args: readonly string[],
  options: FirewallExecOptions = {},
  stdin?: string,
): string {
  const result = tryTool(tool, args, options, stdin);
  if (result.exitCode !== 0) throw new FirewallError(tool, args, result.exitCode, result.stderr);
  return result.stdout;
}
