/**
 * Catches signals while it is in scope (`using`): the first one caught is remembered, and
 * each is passed on to the command once {@link SignalRelay.forwardTo} has named it.
 * Leaving the scope restores the default handling.
 */
export interface SignalRelay extends Disposable {
  /** The first signal caught, if any. */
  readonly caught: NodeJS.Signals | undefined;
  /** From now on, signals go to `child` while it runs. */
  forwardTo(child: Bun.Subprocess): void;
}

/** Starts catching `signals` (see {@link SignalRelay}). */
export function relaySignals(signals: readonly NodeJS.Signals[]): SignalRelay {
  let caught: NodeJS.Signals | undefined;
  let child: Bun.Subprocess | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    caught ??= signal;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
  };
  for (const signal of signals) process.on(signal, onSignal);
  return {
    get caught() {
      return caught;
    },
    forwardTo(subprocess) {
      child = subprocess;
    },
    [Symbol.dispose]() {
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
