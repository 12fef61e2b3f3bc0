/**
 * `items.map(fn)` without Array.prototype.map. JavaScriptCore compiles that builtin from its
 * JavaScript source on the first call in a process, about 0.1 ms of a plugin exec (see the
 * README, "what a fresh plugin process pays for"); the ADD paths use this instead, and
 * `builtins-per-exec.netns.test.ts` in the plugins package keeps them free of the builtin.
 */
export function mapItems<T, U>(items: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(fn(items[i] as T, i));
  return out;
}
