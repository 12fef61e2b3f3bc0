import { isSupportedVersion, type SpecVersion } from '@cni-ts/spec-types';

/** Throws (a programming error, at definition time) unless `versions` are spec versions. */
export function assertPluginVersions(name: string, versions: readonly SpecVersion[]): void {
  // A loop, not filter(): every plugin exec runs this, and pays for a builtin's first call.
  let valid = versions.length > 0;
  for (const version of versions) if (!isSupportedVersion(version)) valid = false;
  if (!valid) {
    throw new Error(`plugin ${name}: versions must be spec versions, got [${versions.join(', ')}]`);
  }
}
