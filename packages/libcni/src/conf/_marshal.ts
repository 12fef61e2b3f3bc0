import {
  CniError,
  CniErrorCode,
  decodeJson,
  encodeJson,
  isCniError,
  isJsonDecodeError,
} from '@cni-ts/spec-types';
import { sortKeysDeep } from '../go/_map-order.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON text or bytes as bytes. */
export function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

/** JSON bytes as text (invalid UTF-8 becomes U+FFFD, as Go's decoder does). */
export function toText(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : decoder.decode(input);
}

/** Decodes JSON that must be an object, as Go's `json.Unmarshal` into `map[string]any`. */
export function decodeObject(input: string | Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = decodeJson(toText(input));
  } catch (error) {
    if (!isJsonDecodeError(error)) throw error;
    throw new CniError(CniErrorCode.DecodingFailure, `error decoding ${what}: ${error.message}`, {
      cause: error,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CniError(CniErrorCode.DecodingFailure, `error decoding ${what}: not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Encodes data as Go's `json.Marshal` of a `map[string]any`: keys sorted at every level,
 * compact. Objects for which `keep` is true keep their own key order (Go structs).
 */
export function goMarshal(value: unknown, keep?: (object: object) => boolean): Uint8Array {
  return encoder.encode(encodeJson(sortKeysDeep(value, keep)));
}

/** Runs `parse`, naming `file` in the message of a config error it throws. */
export function inFile<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!isCniError(error)) throw error;
    throw new CniError(error.code, `${file}: ${error.msg}`, {
      ...(error.details ? { details: error.details } : {}),
      cause: error,
    });
  }
}
