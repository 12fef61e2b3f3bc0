/**
 * Why a namespace path or name could not be used: the path is missing, it is not a
 * namespace file (nsfs or procfs), or a name for the run directory is not a plain file name.
 */
export type NetnsErrorReason = 'not-found' | 'not-a-namespace' | 'invalid-name';

/** A path that is missing or is not a namespace file, or an unusable namespace name. */
export class NetnsError extends Error {
  override readonly name = 'NetnsError';
  readonly path: string;
  readonly reason: NetnsErrorReason;

  constructor(path: string, reason: NetnsErrorReason, detail: string) {
    super(detail);
    this.path = path;
    this.reason = reason;
  }
}

export function isNetnsError(error: unknown): error is NetnsError {
  return error instanceof NetnsError;
}
