// Runs a plugin under `strace -f -e trace=execve` and returns the commands it started
// (argv joined by spaces, the plugin's own exec left out), for tests that count processes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginRun } from './_world.ts';

/** Why a traced test cannot run here, or null. */
export function straceSkipReason(): string | null {
  return Bun.which('strace') === null ? 'needs strace' : null;
}

/**
 * Calls `run` with the wrapper that traces it (pass it as RunPluginOptions.wrapper); returns
 * the run and the commands its process tree executed after the plugin itself.
 */
export function traced(run: (wrapper: readonly string[]) => PluginRun): {
  run: PluginRun;
  commands: string[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-strace-'));
  try {
    const log = join(dir, 'trace');
    const done = run(['strace', '-f', '-qq', '-e', 'trace=execve', '-o', log]);
    const commands: string[] = [];
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      if (!line.includes('execve(') || line.includes('= -1')) continue;
      const argv = /execve\("[^"]+", \[([^\]]*)\]/.exec(line)?.[1] ?? line;
      commands.push(argv.replaceAll('"', '').split(', ').join(' '));
    }
    return { run: done, commands: commands.slice(1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
