// The spec versions themselves, apart from parsing and negotiation (version.ts): a plugin
// answering VERSION loads only this, no error class.

/** Every spec version this project speaks, oldest first. */
export const SUPPORTED_VERSIONS = [
  '0.1.0',
  '0.2.0',
  '0.3.0',
  '0.3.1',
  '0.4.0',
  '1.0.0',
  '1.1.0',
] as const;

/** A spec version this project speaks. */
export type SpecVersion = (typeof SUPPORTED_VERSIONS)[number];

/** The newest spec version: what VERSION reports and what libcni caps negotiation at. */
export const CURRENT_VERSION = '1.1.0' satisfies SpecVersion;

/** True when `version` is one of {@link SUPPORTED_VERSIONS}. */
export function isSupportedVersion(version: string): version is SpecVersion {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(version);
}

/** The supported versions from `version` on, as upstream's `VersionsStartingFrom`. */
export function versionsStartingFrom(version: SpecVersion): SpecVersion[] {
  return SUPPORTED_VERSIONS.slice(SUPPORTED_VERSIONS.indexOf(version));
}
