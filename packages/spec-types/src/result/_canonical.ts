/** Drops undefined properties, so objects compare and print cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** {@link compact}, through nested objects and arrays. */
export function compactDeep<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(compactDeep);
  else if (typeof value === 'object' && value !== null) {
    compact(value);
    Object.values(value).forEach(compactDeep);
  }
  return value;
}
