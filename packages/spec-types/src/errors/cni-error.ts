import type { CniErrorCodeValue } from './codes.ts';

/** The error object of the spec, as printed on stdout by a failing plugin. */
export interface CniErrorJson {
  cniVersion?: string;
  code: number;
  msg: string;
  details?: string;
}

/** Options of a {@link CniError}. */
export interface CniErrorOptions {
  details?: string;
  cniVersion?: string;
  cause?: unknown;
}

/**
 * An error in the spec's shape: a numeric `code`, a short `msg` and optional `details`.
 * `toJSON()` gives the object a plugin prints; like upstream's skel it carries
 * `cniVersion` only when one was set.
 */
export class CniError extends Error {
  override readonly name = 'CniError';
  readonly code: CniErrorCodeValue;
  readonly msg: string;
  readonly details: string | undefined;
  readonly cniVersion: string | undefined;

  constructor(code: CniErrorCodeValue, msg: string, options: CniErrorOptions = {}) {
    super(options.details ? `${msg}; ${options.details}` : msg, { cause: options.cause });
    this.code = code;
    this.msg = msg;
    this.details = options.details || undefined;
    this.cniVersion = options.cniVersion || undefined;
  }

  toJSON(): CniErrorJson {
    const out: CniErrorJson = { code: this.code, msg: this.msg };
    if (this.cniVersion) return { cniVersion: this.cniVersion, ...out, ...this.detailsJson() };
    return { ...out, ...this.detailsJson() };
  }

  private detailsJson(): { details?: string } {
    return this.details ? { details: this.details } : {};
  }
}

/** True for a {@link CniError}, also one created by another copy of this package. */
export function isCniError(value: unknown): value is CniError {
  return (
    value instanceof CniError ||
    (value instanceof Error &&
      value.name === 'CniError' &&
      typeof (value as Partial<CniError>).code === 'number' &&
      typeof (value as Partial<CniError>).msg === 'string')
  );
}
