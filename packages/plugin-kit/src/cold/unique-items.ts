/**
 * The items once each, in first-seen order: `[...new Set(items)]` without spreading a Set,
 * whose iteration builtins JavaScriptCore compiles on their first call in a process (see
 * mapItems).
 */
export function uniqueItems<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const item of items) {
    if (seen.has(item)) continue;
    seen.add(item);
    out.push(item);
  }
  return out;
}
