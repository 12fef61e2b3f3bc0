/** The version `cnitool --version` prints; kept equal to package.json's by a test. */
export const CNITOOL_VERSION = '0.1.0';
