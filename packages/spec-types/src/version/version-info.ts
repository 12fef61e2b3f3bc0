import * as v from 'valibot';
import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { decodeInput, type JsonInput, validate } from '../netconf/parse.ts';

/** What a plugin prints for VERSION. */
export const VersionInfoSchema = /* @__PURE__ */ v.object({
  cniVersion: v.optional(v.string()),
  supportedVersions: v.optional(v.array(v.string())),
});

/** What a plugin prints for VERSION. */
export interface VersionInfo {
  cniVersion: string;
  supportedVersions: string[];
}

/**
 * Reads a plugin's VERSION output with upstream's legacy rules: without
 * `supportedVersions`, a `cniVersion` of 0.2.0 means [0.1.0, 0.2.0]; anything else
 * missing is an error. Throws a code-6 {@link CniError}.
 */
export function parseVersionInfo(input: JsonInput): VersionInfo {
  const info = validate(
    VersionInfoSchema,
    decodeInput(input, 'version info'),
    CniErrorCode.DecodingFailure,
  );
  if (info.supportedVersions !== undefined) {
    return { cniVersion: info.cniVersion ?? '', supportedVersions: info.supportedVersions };
  }
  if (info.cniVersion === '0.2.0') {
    return { cniVersion: '0.2.0', supportedVersions: ['0.1.0', '0.2.0'] };
  }
  throw new CniError(
    CniErrorCode.DecodingFailure,
    'decoding version info: missing field cniVersion or supportedVersions',
  );
}

/** What upstream assumes of a plugin that answers VERSION with "unknown CNI_COMMAND: VERSION". */
export const LEGACY_VERSION_INFO: VersionInfo = {
  cniVersion: '0.1.0',
  supportedVersions: ['0.1.0'],
};
