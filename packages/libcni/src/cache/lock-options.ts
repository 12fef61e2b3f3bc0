/** How cache writers wait for the per-attachment lock file. */
export interface FileLockOptions {
  /** How long to wait for the lock (default 10 s). */
  readonly timeoutMs?: number | undefined;
  /** Age after which a lock counts as abandoned whoever holds it (default 30 s). */
  readonly staleMs?: number | undefined;
}
