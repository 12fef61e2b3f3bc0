/** Reading, writing or locking the result cache failed. `path` is the cache file concerned. */
export class CacheError extends Error {
  override readonly name = 'CacheError';
  readonly path: string | undefined;

  constructor(message: string, options: { path?: string | undefined; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.path = options.path;
  }
}

/** True for a {@link CacheError}. */
export function isCacheError(value: unknown): value is CacheError {
  return value instanceof CacheError;
}
