/**
 * The command line itself is wrong (a missing argument, an unknown command). It is printed
 * as a short text with a pointer to `--help`, not as a CNI error object.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** True for a {@link UsageError} and for citty's own argument errors (`CLIError`). */
export function isUsageError(value: unknown): value is Error {
  return value instanceof UsageError || (value instanceof Error && value.name === 'CLIError');
}
