import { encodeJson } from '../json/encode-json.ts';
import type { CniError } from './cni-error.ts';

/** Prints an error object as upstream's skel does: four-space indent, no trailing newline. */
export function stringifyError(error: CniError, indent = '    '): string {
  return encodeJson(error.toJSON(), indent);
}
