import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { CURRENT_VERSION } from './versions.ts';

/** A parsed version: major, minor, patch. */
export type ParsedVersion = readonly [major: number, minor: number, patch: number];

/**
 * Parses a version as upstream does: "" means 0.1.0; one to three dot-separated integers
 * ("1" and "1.0" are accepted, missing parts are 0). Throws a code-6 {@link CniError}.
 */
export function parseVersion(version: string): ParsedVersion {
  if (version === '') return [0, 1, 0];
  const parts = version.split('.');
  if (parts.length > 3) {
    throw new CniError(
      CniErrorCode.DecodingFailure,
      `invalid version "${version}": too many parts`,
    );
  }
  const numbers: number[] = [];
  for (const part of parts) {
    if (!isSignedDecimal(part)) {
      throw new CniError(CniErrorCode.DecodingFailure, `invalid version "${version}"`, {
        details: `"${part}" is not an integer`,
      });
    }
    numbers.push(Number.parseInt(part, 10));
  }
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
}

/**
 * `/^[+-]?\d+$/` by a loop: every plugin exec compares versions, and a regular expression's
 * first use costs it about 40 µs.
 */
function isSignedDecimal(text: string): boolean {
  const start = text.startsWith('+') || text.startsWith('-') ? 1 : 0;
  if (text.length === start) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Compares two versions numerically: negative, zero or positive. Throws on a bad version. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/** True when version `a` is at least `b`. */
export function versionAtLeast(a: string, b: string): boolean {
  return compareVersions(a, b) >= 0;
}

/** Options of {@link negotiateVersion}. */
export interface NegotiateOptions {
  /**
   * The versions the plugins answered to VERSION with (their intersection). When given,
   * only these count; without it the cap is {@link CURRENT_VERSION}, as in upstream libcni.
   */
  supported?: readonly string[];
}

/**
 * Picks the version a network list runs at. Without `cniVersions` this is `cniVersion`
 * as written (upstream uses it verbatim). With `cniVersions`, the highest version of the
 * union of both that is at most 1.1.0 (and, if `supported` is given, in that set). An
 * unparsable entry is an error; nothing acceptable gives "".
 */
export function negotiateVersion(
  cniVersion: string | undefined,
  cniVersions?: readonly string[],
  options: NegotiateOptions = {},
): string {
  if (cniVersions === undefined) return cniVersion ?? '';
  const candidates = [...cniVersions];
  if (cniVersion !== undefined && cniVersion !== '') candidates.push(cniVersion);
  for (const candidate of candidates) parseVersion(candidate);
  const acceptable = candidates.filter(
    (candidate) =>
      compareVersions(candidate, CURRENT_VERSION) <= 0 &&
      (options.supported === undefined || options.supported.includes(candidate)),
  );
  acceptable.sort(compareVersions);
  return acceptable.at(-1) ?? '';
}
