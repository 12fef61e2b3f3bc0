/** One step that undoes something an ADD did. */
export type UndoStep = () => void | Promise<void>;

/** A failed undo step: reported, never allowed to hide the error that caused the undo. */
export interface UndoFailure {
  readonly label: string;
  readonly error: unknown;
}

/**
 * What a failed ADD has to take back, in reverse order. Unlike AsyncDisposableStack,
 * running it never replaces the original error with a SuppressedError: failures of undo
 * steps are collected and handed to `onFailure` (the plugin's log), and the caller
 * rethrows its own error, so the runtime sees the CNI error that made ADD fail.
 */
export class UndoStack {
  readonly #steps: { label: string; step: UndoStep }[] = [];
  #settled = false;

  /** Registers a step; `label` names it in failure reports (e.g. 'delete veth vethab12cd34'). */
  defer(label: string, step: UndoStep): void {
    if (this.#settled) throw new Error('UndoStack: already committed or undone');
    this.#steps.push({ label, step });
  }

  /** The ADD succeeded: forget every step. */
  commit(): void {
    this.#settled = true;
    this.#steps.length = 0;
  }

  /** Runs every step, last first, continuing past failures; returns the failures. */
  async undo(): Promise<UndoFailure[]> {
    this.#settled = true;
    const failures: UndoFailure[] = [];
    for (const { label, step } of this.#steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        failures.push({ label, error });
      }
    }
    return failures;
  }

  get size(): number {
    return this.#steps.length;
  }
}

/**
 * Runs `work` with a fresh UndoStack. When `work` throws, every registered step runs
 * (last first) and the ORIGINAL error is rethrown; failed steps go to `onFailure`.
 * When it returns, the steps are dropped.
 */
export async function withUndo<T>(
  work: (undo: UndoStack) => Promise<T>,
  onFailure: (failure: UndoFailure) => void = () => {},
): Promise<T> {
  const undo = new UndoStack();
  try {
    const result = await work(undo);
    undo.commit();
    return result;
  } catch (error) {
    for (const failure of await undo.undo()) onFailure(failure);
    throw error;
  }
}
