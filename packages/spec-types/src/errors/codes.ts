/**
 * The CNI error codes by name. 1-7, 11, 50 and 51 are the spec's well-known codes;
 * 8 (invalid netns) and 999 (internal error) are used by upstream's skel and libcni.
 * Codes 100 and up belong to plugins.
 */
export const CniErrorCode = {
  Unknown: 0,
  IncompatibleCniVersion: 1,
  UnsupportedField: 2,
  UnknownContainer: 3,
  InvalidEnvironmentVariables: 4,
  IoFailure: 5,
  DecodingFailure: 6,
  InvalidNetworkConfig: 7,
  InvalidNetNs: 8,
  TryAgainLater: 11,
  PluginNotAvailable: 50,
  LimitedConnectivity: 51,
  Internal: 999,
} as const;

/** One of the well-known codes, or a plugin-specific code (100 and up). */
export type CniErrorCodeValue = (typeof CniErrorCode)[keyof typeof CniErrorCode] | (number & {});
