/** A D-Bus call that failed: the bus could not be reached, or the service replied an error. */
export class DbusError extends Error {
  override readonly name = 'DbusError';
  /** The D-Bus error name (`org.fedoraproject.FirewallD1.Exception`), or '' when unreachable. */
  readonly errorName: string;

  constructor(errorName: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.errorName = errorName;
  }
}

export function isDbusError(error: unknown): error is DbusError {
  return error instanceof DbusError;
}

/** True when the service's reply was an error whose text starts with `code` (firewalld's codes). */
export function isDbusErrorCode(error: unknown, code: string): boolean {
  return isDbusError(error) && error.errorName !== '' && error.message.startsWith(code);
}
