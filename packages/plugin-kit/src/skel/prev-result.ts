import {
  CniError,
  convertResult,
  isCniError,
  isResult100,
  parseResult,
  type Result100,
} from '@cni-ts/spec-types';

/** The version handlers see a prevResult in, whatever version it arrived in. */
export const PREV_RESULT_VERSION = '1.1.0';

/**
 * Parses a config's `prevResult` as upstream's `ParsePrevResult` does: the config's version
 * picks the result family, a prevResult without `cniVersion` takes the config's, and a
 * result of another family fails (code 6, `could not parse prevResult: result type supports
 * [...] but unmarshalled CNIVersion is "..."`). The result is then converted to 1.1.0 so
 * that handlers deal with one shape only. `undefined` when there is no prevResult.
 */
export function parsePrevResult(raw: unknown, configVersion: string): Result100 | undefined {
  if (raw === undefined || raw === null) return undefined;
  try {
    const converted = convertResult(parseResult(raw, configVersion), PREV_RESULT_VERSION);
    if (!isResult100(converted)) throw new Error('prevResult did not convert to 1.1.0');
    return converted;
  } catch (error) {
    if (!isCniError(error)) throw error;
    const details = error.details === undefined ? {} : { details: error.details };
    throw new CniError(error.code, `could not parse prevResult: ${error.msg}`, {
      ...details,
      cause: error,
    });
  }
}
