/** Why a high-level network helper (src/ip) failed. */
export type NetSetupErrorReason =
  /** A link of the bridge's name exists and is not a bridge. */
  | 'not-a-bridge'
  /** The container-side veth name (or a given host-side name) is taken. */
  | 'veth-name-taken'
  /** Ten random host-side veth names were all taken. */
  | 'veth-name-exhausted'
  /** The bridge already has an address that conflicts with the gateway address. */
  | 'address-conflict'
  /** A result IP names an interface index that is out of range or another interface. */
  | 'invalid-interface-index'
  /** The result has no interfaces to configure. */
  | 'no-interfaces'
  /** An IPv6 address failed duplicate address detection. */
  | 'dad-failed'
  /** IPv6 addresses stayed tentative past the timeout. */
  | 'dad-timeout'
  /** A bridge port never reached operstate up. */
  | 'port-not-up'
  /** The link is not a veth, or its peer cannot be found. */
  | 'not-veth'
  /** No master was configured and there is no default route to take its link from. */
  | 'no-default-route'
  /** A kernel operation failed; `cause` holds the NetlinkError or SyscallError. */
  | 'kernel';

/**
 * A high-level helper failed. The message is upstream's text for the same failure (e.g.
 * `"br0" already exists but is not a bridge`), so a plugin that lets it through prints
 * what the reference plugins print. Kernel failures keep the NetlinkError in `cause`,
 * so `isExists(error)`, `isNotFound(error)`… still answer.
 */
export class NetSetupError extends Error {
  override readonly name = 'NetSetupError';
  /** The helper, e.g. 'ensureBridge'. */
  readonly op: string;
  readonly reason: NetSetupErrorReason;

  constructor(op: string, reason: NetSetupErrorReason, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.op = op;
    this.reason = reason;
  }
}

/** True for a NetSetupError, and for one with `reason` when given. */
export function isNetSetupError(
  error: unknown,
  reason?: NetSetupErrorReason,
): error is NetSetupError {
  return error instanceof NetSetupError && (reason === undefined || error.reason === reason);
}
