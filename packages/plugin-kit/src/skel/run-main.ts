import { isLibcNotFound } from '../sys/libc-locate.ts';
import { isSyscallError } from '../sys/syscall-error.ts';
import type { InvokeInput, InvokeOutput } from './definition.ts';

// stdin and stderr go through libc, not node:fs: loading node:fs costs every exec about a
// millisecond and 4-5 MiB of peak RSS (issue 22). The libc modules (and bun:ffi under
// them) are loaded on first use, so VERSION, which reads no stdin, loads neither.

type FsSync = typeof import('../sys/fs-sync.ts');

/** The libc file API, once stdin has been read (dynamic import: chunks are ES modules). */
let fsSync: FsSync | undefined;

/**
 * The whole of stdin, read with blocking reads of fd 0: Bun.stdin's stream costs about half
 * a millisecond more. A stdin the runtime left non-blocking (EAGAIN) hands the rest to
 * Bun.stdin, which waits for it; what was read before is kept.
 */
async function readAllStdin(): Promise<Uint8Array> {
  const { read } = await import('../sys/libc.ts');
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    let length: number;
    try {
      length = read(0, buffer);
    } catch (error) {
      // No usable C library (bun:ffi refuses to work where JavaScriptCore runs without its
      // JIT): Bun reads stdin, stdout and stderr, so that the plugin still answers with an
      // error object when it reaches for libc itself.
      if (isLibcNotFound(error)) return await Bun.stdin.bytes();
      const code = isSyscallError(error) ? error.code : undefined;
      if (code === 'EINTR') continue;
      if (code !== 'EAGAIN') throw error;
      fsSync ??= await import('../sys/fs-sync.ts');
      chunks.push(await Bun.stdin.bytes());
      break;
    }
    fsSync ??= await import('../sys/fs-sync.ts'); // libc works: stdout and stderr use it
    if (length === 0) break;
    chunks.push(buffer.slice(0, length));
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

/** Writes log text to stderr synchronously, so that it is out before the process exits. */
function writeStderr(text: string): void {
  try {
    // Before stdin is read (no plugin logs then, but a skel error may), node:fs does it.
    if (fsSync === undefined) (require('node:fs') as typeof import('node:fs')).writeSync(2, text);
    else fsSync.writeAll(2, text);
  } catch {
    // A closed stderr must not turn into a failure of the plugin.
  }
}

/**
 * Writes the result to stdout: with write(2) once libc is loaded (Bun.write on a file or a
 * pipe starts worker threads first), the rest through Bun.write when the runtime left stdout
 * non-blocking and it is full (EAGAIN).
 */
async function writeStdout(text: string): Promise<void> {
  if (fsSync === undefined) {
    await Bun.write(Bun.stdout, text);
    return;
  }
  const { write } = await import('../sys/libc.ts');
  let bytes = new TextEncoder().encode(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(write(1, bytes));
    } catch (error) {
      const code = isSyscallError(error) ? error.code : undefined;
      if (code === 'EINTR') continue;
      if (code !== 'EAGAIN') throw error;
      await Bun.write(Bun.stdout, bytes);
      return;
    }
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
  if (output.stdout !== '') await writeStdout(output.stdout);
  process.exit(output.exitCode);
}
