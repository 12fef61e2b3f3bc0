// One run of a plugin process with Bun.spawn: stdin in, stdout and stderr captured,
// SIGTERM then SIGKILL when the signal aborts.
//
// stdin goes through a pipe that is closed once written. Bun.spawn given the bytes
// themselves backs them with a memfd that stays open until the Subprocess object is
// garbage collected: one fd per exec, held, which a long-lived runtime under churn can
// pile up to RLIMIT_NOFILE.

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

/**
 * Writes `data` to the child's stdin and closes it. Never rejects: a plugin may exit
 * without reading its stdin (VERSION-only plugins, early failures), and the EPIPE that
 * follows is not a failure of the run; its exit status and output say how it went.
 */
async function feed(sink: Bun.FileSink, data: Uint8Array): Promise<void> {
  try {
    // A write the pipe cannot take at once returns a promise, rejected on EPIPE.
    if (data.byteLength > 0) await sink.write(data);
  } catch {
    // The reader is gone.
  }
  try {
    await sink.end();
  } catch {
    // Already closed by the failed write.
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
  const proc = Bun.spawn([path], { env, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
  const fed = feed(proc.stdin, stdin);
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
    const [stdout, stderr] = await Promise.all([
      stdoutRead,
      stderrRead,
      Promise.race([fed, cutoff]),
    ]);
    const signalCode = proc.signalCode === null ? null : String(proc.signalCode);
    return { stdout, stderr, exitCode: proc.exitCode, signal: signalCode, aborted };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (killTimer !== undefined) clearTimeout(killTimer);
    releaseCutoff();
  }
}
