import { withNetns } from '../netns/netns.ts';
import {
  type CommandResult,
  type FirewallExecOptions,
  isMissingExecutable,
  missingExecutableResult,
} from './command-runner.ts';
import type { FirewallTool } from './firewall-error.ts';

// Tools started without waiting, so that a plugin can do its netlink work while iptables
// runs on another core. Starting the process is synchronous (so the namespace switch
// around it is safe); only the wait is asynchronous.

/** A started tool, or the result it already has (missing executable, a test's runner). */
type Started = Bun.Subprocess<'pipe', 'pipe', 'pipe'> | CommandResult;

function start(argv: readonly string[], stdin: string | undefined): Started {
  let child: Bun.Subprocess<'pipe', 'pipe', 'pipe'>;
  try {
    child = Bun.spawn([...argv], { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
  } catch (error) {
    if (isMissingExecutable(error)) return missingExecutableResult(argv);
    throw error;
  }
  if (stdin !== undefined) child.stdin.write(stdin);
  void child.stdin.end();
  return child;
}

async function finish(started: Started): Promise<CommandResult> {
  if (!('pid' in started)) return started;
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(started.stdout).text(),
    new Response(started.stderr).text(),
    started.exited,
  ]);
  // A process killed by a signal has no exit code of its own; report it as a failure.
  return { exitCode: started.signalCode === null ? exitCode : 128, stdout, stderr };
}

/** Starts `argv` with `stdin` now and resolves with its result (piped output). */
export function spawnCommandAsync(argv: readonly string[], stdin?: string): Promise<CommandResult> {
  return finish(start(argv, stdin));
}

/**
 * `tool args…` started now where `options` says, resolved without judging the result. A
 * test's synchronous `runner` is honoured (its result comes back as a resolved promise).
 */
export function tryToolAsync(
  tool: FirewallTool,
  args: readonly string[],
  options: FirewallExecOptions = {},
  stdin?: string,
): Promise<CommandResult> {
  const argv = [tool, ...args];
  const { runner } = options;
  const begin = (): Started => (runner === undefined ? start(argv, stdin) : runner(argv, stdin));
  return finish(options.netns === undefined ? begin() : withNetns(options.netns, begin));
}
