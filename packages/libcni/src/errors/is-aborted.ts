/**
 * True when an operation failed because its AbortSignal fired: somewhere in the error's
 * `cause` chain is an `AbortError` or `TimeoutError` (the reasons `AbortController` and
 * `AbortSignal.timeout` use).
 */
export function isAborted(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    seen.add(current);
    current = current.cause;
  }
  return false;
}
