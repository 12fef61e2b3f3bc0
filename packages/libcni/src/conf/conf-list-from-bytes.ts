import { goField, negotiateVersion, parseNetConfList } from '@cni-ts/spec-types';
import { decodeObject, goMarshal, toBytes } from './_marshal.ts';
import type { NetworkConfigList, PluginConfig } from './types.ts';

/** The raw `plugins` array as Go's decoder sees it: key matched in any case, last one wins. */
function rawPlugins(raw: Record<string, unknown>): unknown[] {
  const plugins = goField(raw, 'plugins');
  return Array.isArray(plugins) ? plugins : [];
}

/**
 * Parses a network configuration list (a `.conflist`): upstream's `NetworkConfFromBytes`
 * (`ConfListFromBytes`). Picks the version from `cniVersion`/`cniVersions`, accepts
 * `"true"`/`"false"` strings for the flags, and allows a list without `plugins` (zero
 * plugins) unless `loadOnlyInlinedPlugins` is set. Each plugin keeps its JSON, re-encoded
 * as Go does. Throws a CniError (code 6 or 7) whose message has the key path.
 */
export function networkConfFromBytes(input: string | Uint8Array): NetworkConfigList {
  const bytes = toBytes(input);
  const parsed = parseNetConfList(bytes);
  const raw = rawPlugins(decodeObject(bytes, 'network config list'));
  const plugins: PluginConfig[] = (parsed.plugins ?? []).map((network, index) => ({
    network,
    bytes: goMarshal(raw[index]),
  }));
  return {
    name: parsed.name,
    cniVersion: negotiateVersion(parsed.cniVersion, parsed.cniVersions),
    ...(parsed.cniVersions === undefined
      ? {}
      : { declaredVersion: parsed.cniVersion, cniVersions: parsed.cniVersions }),
    disableCheck: parsed.disableCheck ?? false,
    disableGC: parsed.disableGC ?? false,
    loadOnlyInlinedPlugins: parsed.loadOnlyInlinedPlugins ?? false,
    plugins,
    bytes,
  };
}
