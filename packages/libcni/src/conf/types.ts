import type { PluginConf } from '@cni-ts/spec-types';

/**
 * One plugin's configuration: the parsed object and the JSON it came from. What a plugin
 * receives on stdin is derived from `bytes`, so keys libcni does not know pass through.
 * Upstream's `PluginConfig` (formerly `NetworkConfig`).
 */
export interface PluginConfig {
  /** The parsed plugin object (known keys typed, case-folded as Go reads them). */
  readonly network: PluginConf;
  /**
   * The plugin object's JSON: a `.conf` file's bytes as read, or, for a plugin inside a
   * list, the element re-encoded as Go does (keys sorted, compact).
   */
  readonly bytes: Uint8Array;
}

/** A network configuration list: upstream's `NetworkConfigList`. */
export interface NetworkConfigList {
  readonly name: string;
  /** The version the list runs at: `cniVersion`, or the negotiated one when `cniVersions` is set. */
  readonly cniVersion: string;
  /** `cniVersion` as written, when the list has `cniVersions` (kept for plugin-aware negotiation). */
  readonly declaredVersion?: string | undefined;
  /** `cniVersions` as written; its presence asks for negotiation. */
  readonly cniVersions?: readonly string[] | undefined;
  readonly disableCheck: boolean;
  readonly disableGC: boolean;
  readonly loadOnlyInlinedPlugins: boolean;
  /** The inlined plugins, then (from a file) the drop-ins of `<confdir>/<name>/*.conf`. */
  readonly plugins: readonly PluginConfig[];
  /** The list's JSON as read; this is what the result cache records as `config`. */
  readonly bytes: Uint8Array;
}
