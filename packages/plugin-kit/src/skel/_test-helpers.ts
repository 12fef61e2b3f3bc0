// Helpers shared by the skel's tests.
import { isCniError } from '@cni-ts/spec-types';

/** A spec error as plain data. */
export interface ErrorData {
  code: number;
  msg: string;
  details?: string;
}

/** The CniError `run` throws, as plain data (fails when it throws nothing or something else). */
export function cniErrorOf(run: () => unknown): ErrorData {
  try {
    run();
  } catch (error) {
    if (!isCniError(error)) throw error;
    const { code, msg, details } = error;
    return details === undefined ? { code, msg } : { code, msg, details };
  }
  throw new Error('expected a CniError, got none');
}
