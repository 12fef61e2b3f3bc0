/** Why a link operation failed without a kernel error (a kernel error is a NetlinkError). */
export type LinkErrorReason = 'no-reply' | 'not-veth' | 'no-peer';

/**
 * A link operation whose answer did not make sense: no RTM_NEWLINK in a get reply, or a
 * veth question about a link that is not a veth or has no peer index.
 */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  readonly op: string;
  readonly reason: LinkErrorReason;

  constructor(op: string, reason: LinkErrorReason, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.reason = reason;
  }
}

export function isLinkError(error: unknown): error is LinkError {
  return error instanceof LinkError;
}
