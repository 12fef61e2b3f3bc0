import {
  CniError,
  CniErrorCode,
  isCniError,
  type Result,
  stringifyError,
  stringifyResult,
} from '@cni-ts/spec-types';

/**
 * The error a failure is reported as: a {@link CniError} as it is, anything else as code
 * 999 with the error's message and, in `details`, its kind (the error class's name).
 */
export function toCniError(error: unknown): CniError {
  if (isCniError(error)) return error;
  if (error instanceof Error) {
    return new CniError(CniErrorCode.Internal, error.message, {
      details: error.name,
      cause: error,
    });
  }
  return new CniError(CniErrorCode.Internal, String(error), {
    details: `thrown ${typeof error}`,
    cause: error,
  });
}

/**
 * An ADD result as upstream's `PrintResult` writes it: converted to the config's version,
 * keys in Go's order, four-space indent, no trailing newline.
 */
export function formatResult(result: Result, cniVersion: string): string {
  return stringifyResult(result, { version: cniVersion });
}

/** The error object on stdout: four-space indent, no trailing newline, no cniVersion. */
export function formatError(error: CniError): string {
  return stringifyError(error);
}
