/** Why a path could not be used as a network namespace. */
export type NetnsErrorReason = 'not-found' | 'not-a-namespace';

/** A path that is missing or is not a namespace file (nsfs or procfs). */
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
