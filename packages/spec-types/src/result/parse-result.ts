import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { decodeInput, type JsonInput, validate } from '../netconf/parse.ts';
import { foldKey } from '../schema/_fold-keys.ts';
import { compactDeep } from './_canonical.ts';
import { isPlainResult100 } from './plain-result.ts';
import { resultFamilySchema } from './schemas.ts';
import { resultToJson } from './stringify-result.ts';
import { RESULT_FAMILIES, type Result, type ResultFamily, resultFamily } from './types.ts';

function decodeError(msg: string): CniError {
  return new CniError(CniErrorCode.DecodingFailure, msg);
}

function declaredVersion(raw: Record<string, unknown>): string {
  let declared: unknown = '';
  for (const [key, value] of Object.entries(raw)) {
    if (foldKey(key) === 'cniversion' && value !== null) declared = value;
  }
  if (typeof declared !== 'string') throw decodeError('cniVersion: expected a string');
  return declared;
}

const familySchemas: Partial<Record<ResultFamily, ReturnType<typeof resultFamilySchema>>> = {};

/**
 * A family's result schema, made on first use: a plugin whose prevResult is plain never
 * needs one (plain-result.ts), and unused, the exported constants are left out of its
 * bundle (they are pure).
 */
function familySchema(family: ResultFamily): ReturnType<typeof resultFamilySchema> {
  familySchemas[family] ??= resultFamilySchema(family);
  return familySchemas[family];
}

function familyOf(version: string): ResultFamily {
  const family = resultFamily(version === '' ? '0.1.0' : version);
  if (!family) throw decodeError(`unsupported CNI result version "${version}"`);
  return family;
}

/**
 * Parses a result as upstream's result creators do, then brings it into canonical form
 * (addresses as Go prints them, empty fields dropped).
 *
 * Without `version`, the result's own `cniVersion` picks the shape (missing means 0.1.0).
 * With `version` (the config's version, as for a `prevResult` or a plugin's output), the
 * result must belong to that version's family, and a result without `cniVersion` takes
 * `version`, as upstream's prevResult parsing and exec fixup do. Unknown keys are
 * dropped, as in Go. Throws a code-6 {@link CniError} with upstream's texts.
 */
export function parseResult(input: JsonInput, version?: string): Result {
  const raw = decodeInput(input, 'result');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw decodeError('result must be a JSON object');
  }
  const declared = declaredVersion(raw as Record<string, unknown>);
  let cniVersion = declared === '' ? '0.1.0' : declared;
  const family = familyOf(version ?? cniVersion);
  if (version !== undefined && declared === '') cniVersion = version === '' ? '0.1.0' : version;
  const versions: readonly string[] = RESULT_FAMILIES[family];
  if (!versions.includes(cniVersion)) {
    throw decodeError(
      `result type supports [${versions.join(' ')}] but unmarshalled CNIVersion is "${cniVersion}"`,
    );
  }
  const value = { ...(raw as object), cniVersion };
  // A plain 1.x result (what a chained plugin gets) needs no schema; see plain-result.ts.
  const validated =
    family === '100' && isPlainResult100(value)
      ? value
      : validate(familySchema(family), value, CniErrorCode.DecodingFailure);
  // Go's layout with the unset fields dropped is the canonical form.
  return compactDeep(resultToJson(validated as Result)) as unknown as Result;
}
