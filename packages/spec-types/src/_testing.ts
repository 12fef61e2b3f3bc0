// Helpers shared by this package's tests.
import { isCniError } from './errors/cni-error.ts';

/** The spec error a call throws (fails the test when it throws nothing or something else). */
export function errorOf(run: () => unknown): { code: number; msg: string; details?: string } {
  try {
    run();
  } catch (error) {
    if (!isCniError(error)) throw error;
    const { code, msg, details } = error;
    return details === undefined ? { code, msg } : { code, msg, details };
  }
  throw new Error('expected a CniError, got none');
}

/** A printed value or an error text, the shape of the Go goldens. */
export interface Outcome {
  output: string | null;
  error: string | null;
}

/** Runs `run` and records its output or its CniError's msg. */
export function outcome(run: () => string): Outcome {
  try {
    return { output: run(), error: null };
  } catch (error) {
    if (!isCniError(error)) throw error;
    return { output: null, error: error.msg };
  }
}
