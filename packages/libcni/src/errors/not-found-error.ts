/** No configuration file in `dir` has the network name asked for (upstream's NotFoundError). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly dir: string;
  readonly network: string;

  constructor(dir: string, network: string) {
    super(`no net configuration with name "${network}" in ${dir}`);
    this.dir = dir;
    this.network = network;
  }
}

/** `dir` holds no configuration file at all (upstream's NoConfigsFoundError). */
export class NoConfigsFoundError extends Error {
  override readonly name = 'NoConfigsFoundError';
  readonly dir: string;

  constructor(dir: string) {
    super(`no net configurations found in ${dir}`);
    this.dir = dir;
  }
}

/** True when a config lookup found no matching network: {@link NotFoundError} or {@link NoConfigsFoundError}. */
export function isNotFound(value: unknown): value is NotFoundError | NoConfigsFoundError {
  return value instanceof NotFoundError || value instanceof NoConfigsFoundError;
}

/** True for a {@link NoConfigsFoundError}. */
export function isNoConfigsFound(value: unknown): value is NoConfigsFoundError {
  return value instanceof NoConfigsFoundError;
}
