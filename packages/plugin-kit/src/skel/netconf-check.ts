import {
  CniError,
  CniErrorCode,
  decodeJson,
  goField,
  isJsonDecodeError,
  validateNetworkName,
} from '@cni-ts/spec-types';

/** A config that passed the checks upstream's skel makes before dispatching. */
export interface CheckedNetConf {
  /** The decoded JSON object, for the plugin's own schema. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly name: string;
}

/** The name Go's encoding/json gives a JSON value's kind in "cannot unmarshal X". */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function decodeFailure(msg: string): CniError {
  return new CniError(CniErrorCode.DecodingFailure, msg);
}

function decodeObject(stdin: Uint8Array): Readonly<Record<string, unknown>> {
  let decoded: unknown;
  try {
    decoded = decodeJson(new TextDecoder().decode(stdin));
  } catch (error) {
    if (!isJsonDecodeError(error)) throw error;
    throw decodeFailure(`error unmarshall network config: ${error.message}`);
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
    // Go names the anonymous struct upstream's skel decodes into.
    throw decodeFailure(
      `error unmarshall network config: json: cannot unmarshal ${jsonKind(decoded)} into Go value of type struct { Name string "json:\\"name\\"" }`,
    );
  }
  return decoded as Readonly<Record<string, unknown>>;
}

/**
 * Checks stdin as upstream's skel does for every command but VERSION: the JSON must decode
 * into an object (code 6, `error unmarshall network config: …`), `name` must be a string,
 * set (code 7 `missing network name`) and well formed (code 7 `invalid characters found in
 * network name`, details = the name).
 */
export function checkNetConf(stdin: Uint8Array): CheckedNetConf {
  const raw = decodeObject(stdin);
  const name = goField(raw, 'name') ?? '';
  if (typeof name !== 'string') {
    throw decodeFailure(
      `error unmarshall network config: json: cannot unmarshal ${jsonKind(name)} into Go struct field .name of type string`,
    );
  }
  validateNetworkName(name);
  return { raw, name };
}

/**
 * The config's version as upstream's skel reads it: `cniVersion`, "0.1.0" when missing or
 * empty; not a string is code 6 `decoding version from network config: …`.
 */
export function configVersion(conf: CheckedNetConf): string {
  const version = goField(conf.raw, 'cniVersion') ?? '';
  if (typeof version !== 'string') {
    throw decodeFailure(
      `decoding version from network config: json: cannot unmarshal ${jsonKind(version)} into Go struct field .cniVersion of type string`,
    );
  }
  return version === '' ? '0.1.0' : version;
}
