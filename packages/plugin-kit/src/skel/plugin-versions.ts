import { isSupportedVersion, type SpecVersion } from '@cni-ts/spec-types';

/** Throws (a programming error, at definition time) unless `versions` are spec versions. */
export function assertPluginVersions(name: string, versions: readonly SpecVersion[]): void {
  const unsupported = versions.filter((version) => !isSupportedVersion(version));
  if (unsupported.length > 0 || versions.length === 0) {
    throw new Error(`plugin ${name}: versions must be spec versions, got [${versions.join(', ')}]`);
  }
}
