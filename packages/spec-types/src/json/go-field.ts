import { foldKey } from '../schema/_fold-keys.ts';

/**
 * The value Go's encoding/json would store in the struct field `field` when decoding
 * `object`: keys match case-insensitively (with Go's folding of U+212A and U+017F), the
 * last match wins, and `null` leaves the field unset. `undefined` when nothing set it.
 */
export function goField(object: Readonly<Record<string, unknown>>, field: string): unknown {
  const folded = foldKey(field);
  let found: unknown;
  for (const [key, value] of Object.entries(object)) {
    if (value !== null && foldKey(key) === folded) found = value;
  }
  return found;
}
