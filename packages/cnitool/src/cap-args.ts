import { CniError, CniErrorCode, decodeJson, isJsonDecodeError } from '@cni-ts/spec-types';

/** Capability arguments by capability name (`portMappings`, `ips`, `mac`, ...). */
export type CapabilityArgs = Readonly<Record<string, unknown>>;

function capArgsError(details: string, cause?: unknown): CniError {
  return new CniError(CniErrorCode.InvalidEnvironmentVariables, 'invalid CAP_ARGS', {
    details,
    cause,
  });
}

/**
 * Parses the CAP_ARGS environment variable: a JSON object of capability arguments, as
 * upstream's cnitool reads it (`null` and an empty string mean none). Anything else is a
 * CniError with code 4 whose details say what is wrong.
 */
export function parseCapabilityArgs(text: string): CapabilityArgs {
  if (text === '') return {};
  let value: unknown;
  try {
    value = decodeJson(text);
  } catch (error) {
    if (!isJsonDecodeError(error)) throw error;
    throw capArgsError(error.message, error);
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw capArgsError(
      `must be a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return value as CapabilityArgs;
}
