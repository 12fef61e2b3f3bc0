import { CniError, CniErrorCode, decodeJson, goQuote } from '@cni-ts/spec-types';

/** The fields of upstream's types.Error, read as Go's json.Unmarshal would. */
interface ErrorFields {
  code: number;
  msg: string;
  details: string;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Decodes a plugin's error object; throws Error with Go's message when Go would fail. */
function decodeErrorObject(text: string): ErrorFields {
  const value = decodeJson(text);
  const fields: ErrorFields = { code: 0, msg: '', details: '' };
  if (value === null) return fields;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`json: cannot unmarshal ${typeName(value)} into Go value of type types.Error`);
  }
  let typeError: Error | undefined;
  for (const [key, field] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (field === null || !['code', 'msg', 'details'].includes(name)) continue;
    if (name === 'code') {
      if (typeof field === 'number' && Number.isInteger(field) && field >= 0) fields.code = field;
      else {
        const shown = typeof field === 'number' ? `number ${field}` : typeName(field);
        typeError ??= new Error(
          `json: cannot unmarshal ${shown} into Go struct field Error.code of type uint`,
        );
      }
    } else if (typeof field === 'string') {
      fields[name as 'msg' | 'details'] = field;
    } else {
      typeError ??= new Error(
        `json: cannot unmarshal ${typeName(field)} into Go struct field Error.${name} of type string`,
      );
    }
  }
  if (typeError) throw typeError;
  return fields;
}

const decoder = new TextDecoder();

/**
 * The error upstream's RawExec builds for a failed plugin run, with its texts:
 * - nothing printed: `netplugin failed with no error message: <exit>`;
 * - only stderr: `netplugin failed: "<stderr>": <exit>`;
 * - stdout: the plugin's error object (code, msg, details), or
 *   `netplugin failed but error parsing its diagnostic message "<stdout>": <err>`.
 */
export function pluginFailure(
  stdout: Uint8Array,
  stderr: Uint8Array,
  exit: string,
  cause?: unknown,
): CniError {
  const options = cause === undefined ? {} : { cause };
  if (stdout.length === 0) {
    const msg =
      stderr.length === 0
        ? `netplugin failed with no error message: ${exit}`
        : `netplugin failed: ${goQuote(stderr)}: ${exit}`;
    return new CniError(CniErrorCode.Unknown, msg, options);
  }
  try {
    const fields = decodeErrorObject(decoder.decode(stdout));
    return new CniError(fields.code, fields.msg, {
      ...options,
      ...(fields.details ? { details: fields.details } : {}),
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return new CniError(
      CniErrorCode.Unknown,
      `netplugin failed but error parsing its diagnostic message ${goQuote(stdout)}: ${error.message}`,
      options,
    );
  }
}
