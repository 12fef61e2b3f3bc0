// Internal: running `nft` for the spoof check, as upstream's go-nft does (`nft -j -f -`
// for a JSON batch, `nft -j list …` to read). plugin-kit's own nft runner is internal to
// its masquerade code, so this is the bridge's small equivalent over the same
// CommandRunner seam (tests pass a fake).
import { type CommandRunner, FirewallError } from '@cni-ts/plugin-kit';

/** How a finished nft run ended (the shape a CommandRunner returns). */
export type NftRun = ReturnType<CommandRunner>;

/** Exit status reported when the nft executable is not installed, as shells do. */
const EXIT_TOOL_MISSING = 127;

/** The real runner: `nft` from PATH, run synchronously with piped output. */
export const spawnNft: CommandRunner = (argv, stdin) => {
  try {
    const done = Bun.spawnSync([...argv], {
      stdin: stdin === undefined ? 'ignore' : new TextEncoder().encode(stdin),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    return {
      exitCode: done.exitCode ?? 128,
      stdout: done.stdout.toString(),
      stderr: done.stderr.toString(),
    };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ENOENT' && !String(error).includes('Executable not found')) throw error;
    return {
      exitCode: EXIT_TOOL_MISSING,
      stdout: '',
      stderr: `exec: "${argv[0] ?? ''}": executable file not found in $PATH`,
    };
  }
};

/** Runs `nft args…` (with `stdin`), returning stdout; failure is a FirewallError. */
export function runNft(
  args: readonly string[],
  runner: CommandRunner = spawnNft,
  stdin?: string,
): string {
  const run = runner(['nft', ...args], stdin);
  if (run.exitCode !== 0) throw new FirewallError('nft', args, run.exitCode, run.stderr);
  return run.stdout;
}

/** Applies a JSON batch (`{"nftables":[…]}`) atomically: `nft -j -f -`. */
export function applyNftJson(commands: readonly object[], runner?: CommandRunner): void {
  if (commands.length === 0) return;
  runNft(['-j', '-f', '-'], runner, JSON.stringify({ nftables: commands }));
}
