// Go marshals a map[string]any with its keys sorted by byte order of their UTF-8 encoding.
// That order is code point order, which differs from JavaScript's default UTF-16 order
// only between astral characters and U+E000..U+FFFF.

/** Compares two strings the way Go's sort.Strings does (UTF-8 byte order). */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const surrogateA = ca >= 0xd800 && ca <= 0xdfff;
    const surrogateB = cb >= 0xd800 && cb <= 0xdfff;
    if (surrogateA !== surrogateB) return surrogateA ? 1 : -1;
    return ca - cb;
  }
  return a.length - b.length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of plain JSON data with every object's keys in Go map order, as Go prints
 * data it decoded into `map[string]any`. Objects for which `keep` returns true (Go
 * structs, such as a Result) keep their own key order at their level, and their children
 * are still visited.
 */
export function sortKeysDeep(value: unknown, keep?: (object: object) => boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeysDeep(item, keep));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (!keep?.(value)) keys.sort(compareGoStrings);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    Object.defineProperty(out, key, {
      value: sortKeysDeep(value[key], keep),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}
