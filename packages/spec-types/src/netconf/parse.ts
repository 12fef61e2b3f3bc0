import * as v from 'valibot';
import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { decodeJson, isJsonDecodeError } from '../json/decode-json.ts';
import { foldKeys } from '../schema/_fold-keys.ts';
import { issuesToError } from '../schema/issues.ts';
import { NetConfSchema } from './netconf.ts';
import { type NetConfList, NetConfListSchema } from './netconf-list.ts';

/** Input of the parse functions: JSON text, its bytes, or an already decoded value. */
export type JsonInput = string | Uint8Array | unknown;

/**
 * Decodes JSON text with Go's rules (strict grammar, last duplicate key wins). A value
 * that is not a string or bytes is returned as it is. Throws code 6 on bad JSON.
 */
export function decodeInput(input: JsonInput, what = 'network config'): unknown {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return input;
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  try {
    return decodeJson(text);
  } catch (error) {
    if (!isJsonDecodeError(error)) throw error;
    throw new CniError(CniErrorCode.DecodingFailure, `error decoding ${what}: ${error.message}`, {
      details: `at line ${error.line}, column ${error.column}`,
      cause: error,
    });
  }
}

/**
 * Validates a decoded value against a schema after Go-style key folding. Throws a
 * {@link CniError} with `code` whose message names the key path of the first problem.
 */
export function validate<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  code: number = CniErrorCode.InvalidNetworkConfig,
  prefix: readonly (string | number)[] = [],
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, foldKeys(schema, value));
  if (!parsed.success) throw issuesToError(code, parsed.issues, prefix);
  return parsed.output;
}

/**
 * Parses a plugin config (stdin of a plugin, or a single `.conf` file). Pass a plugin's
 * own schema (spreading {@link NetConfEntries}) to validate its keys too. Throws a
 * {@link CniError}: code 6 for undecodable JSON, 7 for an invalid config.
 */
export function parseNetConf<S extends v.GenericSchema = typeof NetConfSchema>(
  input: JsonInput,
  schema?: S,
): v.InferOutput<S> {
  return validate(schema ?? NetConfSchema, decodeInput(input)) as v.InferOutput<S>;
}

/** Options of {@link parseNetConfList}. */
export interface ParseNetConfListOptions {
  /** Schemas by plugin `type`; a plugin whose type is listed is validated with it too. */
  plugins?: Readonly<Record<string, v.GenericSchema>>;
}

/**
 * Parses a network configuration list (a `.conflist` file). With `options.plugins`, each
 * plugin object whose type has a schema is validated and typed by it. Throws a
 * {@link CniError}: code 6 for undecodable JSON, 7 for an invalid list.
 */
export function parseNetConfList(
  input: JsonInput,
  options: ParseNetConfListOptions = {},
): NetConfList {
  const raw = decodeInput(input, 'network config list');
  const list = validate(NetConfListSchema, raw);
  const schemas = options.plugins;
  if (!schemas || !list.plugins) return list;
  const rawPlugins = (foldKeys(NetConfListSchema, raw) as { plugins: unknown[] }).plugins;
  const plugins = list.plugins.map((plugin, index) => {
    const schema = Object.hasOwn(schemas, plugin.type) ? schemas[plugin.type] : undefined;
    if (!schema) return plugin;
    const element = { ...(rawPlugins[index] as object), name: list.name };
    return validate(schema, element, CniErrorCode.InvalidNetworkConfig, ['plugins', index]);
  });
  return { ...list, plugins: plugins as NetConfList['plugins'] };
}
