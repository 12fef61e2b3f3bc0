/**
 * Several independent failures, all kept: GC goes on past each failure, and validation
 * checks every plugin. `errors` holds them in order.
 */
export class MultiError extends Error {
  override readonly name = 'MultiError';
  readonly errors: readonly Error[];

  constructor(message: string, errors: readonly Error[]) {
    super(message);
    this.errors = errors;
  }

  /** Go's errors.Join: the messages on separate lines (GC). */
  static joined(errors: readonly Error[]): MultiError {
    return new MultiError(errors.map((error) => error.message).join('\n'), errors);
  }

  /** Go's `%v` of a []error: `[e1 e2]` (validation). */
  static bracketed(errors: readonly Error[]): MultiError {
    return new MultiError(`[${errors.map((error) => error.message).join(' ')}]`, errors);
  }
}

/** True for a {@link MultiError}. */
export function isMultiError(value: unknown): value is MultiError {
  return value instanceof MultiError;
}
