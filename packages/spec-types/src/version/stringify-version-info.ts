// Apart from version-info.ts (which builds a valibot schema) so that a plugin answering
// VERSION loads no schema code.
import { encodeJson } from '../json/encode-json.ts';
import { CURRENT_VERSION } from './versions.ts';

/**
 * True when JSON.stringify writes every string as Go does: printable ASCII that neither
 * escapes (no quote, no backslash) nor Go's HTML-safe encoder escapes (no `<`, `>`, `&`).
 */
function plainAscii(texts: readonly string[]): boolean {
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (
        c < 0x20 ||
        c > 0x7e ||
        c === 0x22 ||
        c === 0x5c ||
        c === 0x3c ||
        c === 0x3e ||
        c === 0x26
      ) {
        return false;
      }
    }
  }
  return true;
}

/**
 * The VERSION output of a plugin supporting `supportedVersions`, byte for byte as
 * upstream's skel prints it: compact JSON, `cniVersion` 1.1.0, a trailing newline. Version
 * strings are plain ASCII, which JSON.stringify writes as Go's encoder does; it is the
 * cheaper of the two for a cold VERSION exec.
 */
export function stringifyVersionInfo(supportedVersions: readonly string[]): string {
  const info = { cniVersion: CURRENT_VERSION, supportedVersions };
  return `${plainAscii(supportedVersions) ? JSON.stringify(info) : encodeJson(info)}\n`;
}
