import type { InvokeInput, InvokeOutput } from './definition.ts';

type NodeFs = typeof import('node:fs');

let fs: NodeFs | undefined;

/**
 * node:fs, loaded on first use: it costs a few milliseconds and megabytes at start-up, and
 * VERSION never needs it. (Every plugin body loads it anyway, so later uses are free.)
 */
function nodeFs(): NodeFs {
  fs ??= require('node:fs') as NodeFs;
  return fs;
}

/**
 * The whole of stdin, read with blocking reads of fd 0: Bun.stdin's stream costs about half
 * a millisecond more. A stdin the runtime left non-blocking (EAGAIN) hands the rest to
 * Bun.stdin, which waits for it; what was read before is kept.
 */
async function readAllStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    let length: number;
    try {
      length = nodeFs().readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'EINTR') continue;
      if (code !== 'EAGAIN') throw error;
      chunks.push(await Bun.stdin.bytes());
      break;
    }
    if (length === 0) break;
    chunks.push(buffer.slice(0, length));
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

/** Writes log text to stderr synchronously, so that it is out before the process exits. */
function writeStderr(text: string): void {
  try {
    nodeFs().writeSync(2, text);
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
    stdin: readAllStdin,
    stderr: writeStderr,
  });
  if (output.stdout !== '') await Bun.write(Bun.stdout, output.stdout);
  process.exit(output.exitCode);
}
