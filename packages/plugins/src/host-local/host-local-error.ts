import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/**
 * A host-local failure. Upstream reports every one of them as code 999 with its message
 * alone (its skel wraps plain Go errors), so this is a CniError with that code.
 */
export class HostLocalError extends CniError {
  constructor(msg: string, options: { cause?: unknown } = {}) {
    super(CniErrorCode.Internal, msg, options);
  }
}

/** True for a {@link HostLocalError}. */
export function isHostLocalError(error: unknown): error is HostLocalError {
  return error instanceof HostLocalError;
}

/** The same failure with `prefix: ` in front of its message, as upstream wraps them. */
export function withPrefix(prefix: string, error: HostLocalError): HostLocalError {
  return new HostLocalError(`${prefix}: ${error.msg}`, { cause: error });
}
