import { type SpecVersion, SUPPORTED_VERSIONS, versionsStartingFrom } from '@cni-ts/spec-types';

// The spec versions each plugin of the executable speaks, in one table that imports no
// plugin: the multicall entry answers VERSION from it without loading the plugin's module
// (issue 22), and each plugin's index.ts takes its `versions` from it, so the two answers
// cannot differ.

/** The versions of every plugin, by the name it is installed under. */
export const pluginVersions = {
  bandwidth: versionsStartingFrom('0.3.0'),
  bridge: SUPPORTED_VERSIONS,
  dummy: SUPPORTED_VERSIONS,
  firewall: versionsStartingFrom('0.4.0'),
  'host-device': SUPPORTED_VERSIONS,
  'host-local': SUPPORTED_VERSIONS,
  ipvlan: SUPPORTED_VERSIONS,
  loopback: SUPPORTED_VERSIONS,
  macvlan: SUPPORTED_VERSIONS,
  portmap: versionsStartingFrom('0.1.0'),
  ptp: SUPPORTED_VERSIONS,
  sbr: SUPPORTED_VERSIONS,
  static: SUPPORTED_VERSIONS,
  tap: SUPPORTED_VERSIONS,
  tuning: SUPPORTED_VERSIONS,
  vlan: SUPPORTED_VERSIONS,
  vrf: versionsStartingFrom('0.3.1'),
} as const satisfies Readonly<Record<string, readonly SpecVersion[]>>;

/** The name of a plugin of this executable. */
export type PluginName = keyof typeof pluginVersions;
