import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/**
 * A static IPAM failure. Upstream reports every one of them as code 999 with its message
 * alone, so this is a CniError with that code.
 */
export class StaticIpamError extends CniError {
  constructor(msg: string) {
    super(CniErrorCode.Internal, msg);
  }
}

/** True for a {@link StaticIpamError}. */
export function isStaticIpamError(error: unknown): error is StaticIpamError {
  return error instanceof StaticIpamError;
}
