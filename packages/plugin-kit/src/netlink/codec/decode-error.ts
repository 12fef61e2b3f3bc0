/**
 * A netlink message that does not decode: too short, a length that runs past the buffer,
 * an attribute of the wrong size. `path` names where it happened, outermost first, e.g.
 * `['RTM_NEWLINK', 'IFLA_LINKINFO', 'IFLA_INFO_DATA']`.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly path: readonly string[];
  readonly reason: string;

  constructor(path: readonly string[], reason: string) {
    super(`${path.length > 0 ? `${path.join('.')}: ` : ''}${reason}`);
    this.path = path;
    this.reason = reason;
  }
}

export function isDecodeError(error: unknown): error is DecodeError {
  return error instanceof DecodeError;
}
