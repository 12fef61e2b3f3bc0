import { CniError, CniErrorCode, goQuote } from '@cni-ts/spec-types';

/**
 * Validation found that a plugin does not support the configuration's version. A
 * CniError with code 1 (incompatible CNI version); the message is upstream's.
 */
export class UnsupportedVersionError extends CniError {
  readonly pluginType: string;
  /** The configuration's version, which the plugin does not list. */
  readonly version: string;
  readonly supportedVersions: readonly string[];

  constructor(pluginType: string, cniVersion: string, supportedVersions: readonly string[]) {
    super(
      CniErrorCode.IncompatibleCniVersion,
      `plugin ${pluginType} does not support config version ${goQuote(cniVersion)}`,
    );
    this.pluginType = pluginType;
    this.version = cniVersion;
    this.supportedVersions = supportedVersions;
  }
}

/** True for an {@link UnsupportedVersionError}. */
export function isUnsupportedVersion(value: unknown): value is UnsupportedVersionError {
  return value instanceof UnsupportedVersionError;
}
