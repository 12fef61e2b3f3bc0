// One run of a plugin process with Bun.spawn: stdin in, stdout and stderr captured,
// SIGTERM then SIGKILL when the signal aborts.

/** How a process run ended. */
export interface ProcessOutcome {
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** True when the run was cut short by the abort signal. */
  readonly aborted: boolean;
}

/** Options of {@link runProcess}. */
export interface RunProcessOptions {
  readonly signal?: AbortSignal | undefined;
  /** Milliseconds between SIGTERM and SIGKILL once aborted; 0 sends SIGKILL at once. */
  readonly killGracePeriodMs: number;
}

function kill(proc: Bun.Subprocess, signal: 'SIGTERM' | 'SIGKILL'): void {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    proc.kill(signal);
  } catch {
    // Already gone.
  }
}

/** Reads a pipe to its end; after an abort, gives up once `cutoff` resolves. */
async function drain(
  stream: ReadableStream<Uint8Array>,
  cutoff: Promise<void>,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let stop = false;
  const stopped = cutoff.then(() => {
    stop = true;
    return undefined;
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), stopped]);
      if (next === undefined || stop || next.done) break;
      chunks.push(next.value);
    }
  } finally {
    if (stop) reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

/**
 * Spawns `path` with exactly `env`, writes `stdin`, and waits for it to end. Throws what
 * Bun.spawn throws when the binary cannot be started (with `code`, e.g. ETXTBSY). When
 * `signal` aborts, the process gets SIGTERM, then SIGKILL after the grace period; pipes
 * still held open by its children are then read for at most one more grace period.
 */
export async function runProcess(
  path: string,
  stdin: Uint8Array,
  env: Record<string, string>,
  options: RunProcessOptions,
): Promise<ProcessOutcome> {
  const proc = Bun.spawn([path], { env, stdin, stdout: 'pipe', stderr: 'pipe' });
  let aborted = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  let releaseCutoff: () => void = () => undefined;
  const cutoff = new Promise<void>((resolve) => {
    releaseCutoff = resolve;
  });
  const onAbort = (): void => {
    aborted = true;
    kill(proc, 'SIGTERM');
    if (options.killGracePeriodMs <= 0) kill(proc, 'SIGKILL');
    else killTimer = setTimeout(() => kill(proc, 'SIGKILL'), options.killGracePeriodMs);
  };
  const { signal } = options;
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const stdoutRead = drain(proc.stdout, cutoff);
    const stderrRead = drain(proc.stderr, cutoff);
    await proc.exited;
    if (aborted) {
      // Children of the plugin may hold its pipes open: do not wait for them forever.
      setTimeout(releaseCutoff, Math.max(options.killGracePeriodMs, 100)).unref();
    }
    const [stdout, stderr] = await Promise.all([stdoutRead, stderrRead]);
    const signalCode = proc.signalCode === null ? null : String(proc.signalCode);
    return { stdout, stderr, exitCode: proc.exitCode, signal: signalCode, aborted };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (killTimer !== undefined) clearTimeout(killTimer);
    releaseCutoff();
  }
}
