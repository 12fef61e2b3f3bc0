// A benchmark stopped by SIGINT or SIGTERM still removes what it made (namespaces, private
// daemons, temporary directories). A signal handler runs only when the script yields to
// the event loop, and a throw from it would not unwind the run; so the handler only
// notes the signal, and the run calls checkpoint() between execs, which throws
// BenchInterrupted from where the run is: every finally block on the way out runs.

/** Thrown by a checkpoint after SIGINT or SIGTERM. */
export class BenchInterrupted extends Error {
  override readonly name = 'BenchInterrupted';
}

export function isBenchInterrupted(error: unknown): error is BenchInterrupted {
  return error instanceof BenchInterrupted;
}

/** What a run calls between execs; disposing stops listening for the signals. */
export interface Interruptions {
  /** Yields to the event loop, then throws BenchInterrupted if a signal came. */
  checkpoint(): Promise<void>;
  [Symbol.dispose](): void;
}

/** Listens for SIGINT and SIGTERM from now until disposed. */
export function listenForInterruptions(): Interruptions {
  let signal: string | undefined;
  const onSignal = (name: string): void => {
    signal = name;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    async checkpoint() {
      await Bun.sleep(0);
      if (signal !== undefined) throw new BenchInterrupted(`interrupted by ${signal}`);
    },
    [Symbol.dispose]() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Runs a benchmark's main under {@link listenForInterruptions}: its exit status, or 130
 * after saying on stderr that an interrupted run cleaned up.
 */
export async function runInterruptible(
  main: (interruptions: Interruptions) => Promise<number>,
): Promise<number> {
  using interruptions = listenForInterruptions();
  try {
    return await main(interruptions);
  } catch (error) {
    if (!isBenchInterrupted(error)) throw error;
    process.stderr.write(`${error.message}: cleaned up\n`);
    return 130;
  }
}
