import type { InvokeInput, InvokeOutput } from './definition.ts';

type WriteSync = (fd: number, text: string) => number;

let writeSyncFn: WriteSync | undefined;

/**
 * Writes log text to stderr synchronously, so that it is out before the process exits.
 * node:fs is loaded on the first write only: it costs a few milliseconds and megabytes
 * at start-up, and most runs (VERSION, a quiet ADD) never write to stderr.
 */
function writeStderr(text: string): void {
  try {
    writeSyncFn ??= (require('node:fs') as { writeSync: WriteSync }).writeSync;
    writeSyncFn(2, text);
  } catch {
    // A closed stderr must not turn into a failure of the plugin.
  }
}

/**
 * Runs a plugin as the process: process.env, the real stdin (read only when the command
 * needs it), stdout and stderr; then exits with the plugin's code.
 */
export async function runAsProcess(
  invoke: (input: InvokeInput) => Promise<InvokeOutput>,
): Promise<never> {
  const output = await invoke({
    env: process.env,
    stdin: () => Bun.stdin.bytes(),
    stderr: writeStderr,
  });
  if (output.stdout !== '') await Bun.write(Bun.stdout, output.stdout);
  process.exit(output.exitCode);
}
