// How Go's encoding/json finds the value of one struct field in a decoded object.

/** Go's key folding: ASCII case, plus the two non-ASCII runes that fold onto ASCII letters. */
function foldKey(key: string): string {
  return key
    .replace(/\u212a/g, 'k')
    .replace(/\u017f/g, 's')
    .toLowerCase();
}

/**
 * The value Go would store in the field `field` when decoding `object`: keys match
 * case-insensitively, the last match wins, and `null` leaves the field as it was.
 * `undefined` when nothing set it.
 */
export function goField(object: Readonly<Record<string, unknown>>, field: string): unknown {
  const folded = foldKey(field);
  let found: unknown;
  for (const [key, value] of Object.entries(object)) {
    if (value !== null && foldKey(key) === folded) found = value;
  }
  return found;
}
