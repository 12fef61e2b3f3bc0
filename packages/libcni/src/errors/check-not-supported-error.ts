/**
 * CHECK was asked for a configuration whose version predates it (< 0.4.0); upstream's
 * `ErrorCheckNotSupp`, with the same message.
 */
export class CheckNotSupportedError extends Error {
  override readonly name = 'CheckNotSupportedError';
  readonly cniVersion: string;

  constructor(cniVersion: string) {
    super(`configuration version "${cniVersion}" does not support the CHECK command`);
    this.cniVersion = cniVersion;
  }
}

/** True for a {@link CheckNotSupportedError}. */
export function isCheckNotSupported(value: unknown): value is CheckNotSupportedError {
  return value instanceof CheckNotSupportedError;
}
