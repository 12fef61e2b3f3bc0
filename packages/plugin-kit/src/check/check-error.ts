/** Why a CHECK validator found the kernel state different from the previous result. */
export type CheckErrorReason =
  /** The interface named in the result does not exist. */
  | 'link-not-found'
  /** The kernel could not be asked (a failed dump). */
  | 'lookup-failed'
  /** A result address is not on the interface. */
  | 'address-missing'
  /** No route to a result address's prefix. */
  | 'prefix-route-missing'
  /** A result route is not in the routing table. */
  | 'route-missing'
  /** A result route's destination is not an IP prefix. */
  | 'invalid-route';

/**
 * A CHECK found the attachment different from its previous result. The message is the text
 * upstream's pkg/ip validators give (`Failed to match addr 10.1.2.3/24 on interface eth0`),
 * so a plugin that lets it through fails CHECK with the reference plugins' words.
 */
export class CheckError extends Error {
  override readonly name = 'CheckError';
  readonly reason: CheckErrorReason;

  constructor(reason: CheckErrorReason, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}

/** True for a CheckError, and for one with `reason` when given. */
export function isCheckError(error: unknown, reason?: CheckErrorReason): error is CheckError {
  return error instanceof CheckError && (reason === undefined || error.reason === reason);
}
