/** Drops undefined properties, so objects compare and print cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** {@link compact}, through nested objects and arrays. */
export function compactDeep<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) compactDeep(item);
  } else if (typeof value === 'object' && value !== null) {
    compact(value);
    for (const item of Object.values(value)) compactDeep(item);
  }
  return value;
}
