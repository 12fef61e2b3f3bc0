import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';

/** Options of {@link parseCniArgs}. */
export interface ParseCniArgsOptions {
  /**
   * The keys the caller understands (matched case-sensitively, as upstream matches Go
   * field names). Other keys are unknown: an error unless `ignoreUnknown` is set or the
   * string carries `IgnoreUnknown=1|true`. Without `known`, every key is accepted.
   */
  known?: readonly string[];
  /** Accept unknown keys whatever the string says. */
  ignoreUnknown?: boolean;
}

/** Parsed CNI_ARGS: the values of the accepted keys (the last one wins). */
export type CniArgs = Readonly<Record<string, string>>;

function argsError(msg: string, details?: string): CniError {
  return new CniError(CniErrorCode.InvalidEnvironmentVariables, msg, details ? { details } : {});
}

/** Parses a boolean CNI_ARGS value as upstream's `UnmarshallableBool`: 1/true/0/false, any case. */
export function parseArgsBool(pair: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  throw argsError(
    `ARGS: error parsing value of pair ${JSON.stringify(pair)}: boolean unmarshal error: invalid input ${value}`,
  );
}

/**
 * Parses `K=V;K2=V2` as upstream's `LoadArgs`: every pair must split into exactly two
 * parts on `=`; `IgnoreUnknown` may stand anywhere. Returns the accepted keys' values.
 * Throws a code-4 {@link CniError} with upstream's texts (`ARGS: invalid pair "p"`,
 * `ARGS: unknown args ["K=V"]`).
 */
export function parseCniArgs(input: string, options: ParseCniArgsOptions = {}): CniArgs {
  const values: Record<string, string> = {};
  if (input === '') return values;
  const known = options.known ? new Set(options.known) : undefined;
  const unknown: string[] = [];
  let ignoreUnknown = options.ignoreUnknown ?? false;
  for (const pair of input.split(';')) {
    const parts = pair.split('=');
    if (parts.length !== 2) throw argsError(`ARGS: invalid pair ${JSON.stringify(pair)}`);
    const [key = '', value = ''] = parts;
    if (key === 'IgnoreUnknown') {
      ignoreUnknown = parseArgsBool(pair, value) || (options.ignoreUnknown ?? false);
      continue;
    }
    if (known && !known.has(key)) {
      unknown.push(pair);
      continue;
    }
    Object.defineProperty(values, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (unknown.length > 0 && !ignoreUnknown) {
    throw argsError(
      `ARGS: unknown args [${unknown.map((pair) => JSON.stringify(pair)).join(' ')}]`,
    );
  }
  return values;
}

/** Formats pairs as CNI_ARGS (`K=V;K2=V2`), as libcni does for the environment. */
export function formatCniArgs(pairs: Iterable<readonly [string, string]>): string {
  return Array.from(pairs, ([key, value]) => `${key}=${value}`).join(';');
}
