// Internal: tables that not every exec needs are built on first use, not at import, so a
// plugin that never touches them never pays for their construction.

/** Returns a getter that builds the value on its first call and returns the same value after. */
export function lazy<T extends object>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
