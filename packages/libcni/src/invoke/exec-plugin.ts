import {
  CniError,
  CniErrorCode,
  decodeJson,
  goField,
  isJsonDecodeError,
  parseResult,
  type Result,
} from '@cni-ts/spec-types';
import type { Environment, Exec, ExecPluginOptions } from './exec.ts';

const decoder = new TextDecoder();

/** The version a plugin config declares, as upstream's ConfigDecoder: "" means 0.1.0. */
function configVersion(netconf: Uint8Array): string {
  let value: unknown;
  try {
    value = decodeJson(decoder.decode(netconf));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new CniError(
      CniErrorCode.DecodingFailure,
      `decoding version from network config: ${text}`,
      { cause: error },
    );
  }
  const version =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? goField(value as Record<string, unknown>, 'cniVersion')
      : undefined;
  return typeof version === 'string' && version !== '' ? version : '0.1.0';
}

/**
 * Parses a plugin's ADD output as upstream does (#896): a result without a `cniVersion`
 * is taken to be in the config's version; a result with one is taken as it says (not
 * converted). `null` counts as `{}`; anything that is not a JSON object fails with
 * `failed to unmarshal raw result: ...`.
 */
export function parsePluginResult(netconf: Uint8Array, stdout: Uint8Array): Result {
  const confVersion = configVersion(netconf);
  let raw: unknown;
  try {
    raw = decodeJson(decoder.decode(stdout));
  } catch (error) {
    if (!isJsonDecodeError(error)) throw error;
    throw new CniError(
      CniErrorCode.DecodingFailure,
      `failed to unmarshal raw result: ${error.message}`,
      { cause: error },
    );
  }
  if (raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const kind = Array.isArray(raw) ? 'array' : typeof raw;
    throw new CniError(
      CniErrorCode.DecodingFailure,
      `failed to unmarshal raw result: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    );
  }
  const own = (raw as Record<string, unknown>).cniVersion;
  if (typeof own === 'string' && own !== '') return parseResult(raw);
  return parseResult({ ...raw, cniVersion: confVersion });
}

/**
 * Runs a plugin and parses its result (upstream's ExecPluginWithResult), applying the
 * result-version fixup of {@link parsePluginResult}.
 */
export async function execPluginWithResult(
  exec: Exec,
  pluginPath: string,
  netconf: Uint8Array,
  env: Environment,
  options?: ExecPluginOptions,
): Promise<Result> {
  const stdout = await exec.execPlugin(pluginPath, netconf, env, options);
  return parsePluginResult(netconf, stdout);
}

/** Runs a plugin and ignores its output (upstream's ExecPluginWithoutResult). */
export async function execPluginWithoutResult(
  exec: Exec,
  pluginPath: string,
  netconf: Uint8Array,
  env: Environment,
  options?: ExecPluginOptions,
): Promise<void> {
  await exec.execPlugin(pluginPath, netconf, env, options);
}
