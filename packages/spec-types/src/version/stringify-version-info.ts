// Apart from version-info.ts (which builds a valibot schema) so that a plugin answering
// VERSION loads no schema code.
import { encodeJson } from '../json/encode-json.ts';
import { CURRENT_VERSION } from './versions.ts';

/**
 * The VERSION output of a plugin supporting `supportedVersions`, byte for byte as
 * upstream's skel prints it: compact JSON, `cniVersion` 1.1.0, a trailing newline.
 */
export function stringifyVersionInfo(supportedVersions: readonly string[]): string {
  return `${encodeJson({ cniVersion: CURRENT_VERSION, supportedVersions })}\n`;
}
