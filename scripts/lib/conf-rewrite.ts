// Pure helpers the demo uses on the example configuration lists: point host-local at a
// scratch dataDir, and name the plugin executables a list needs.

/** A configuration list as JSON: only the keys these helpers read are typed. */
export interface ConfListJson {
  readonly plugins?: readonly unknown[];
  readonly [key: string]: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ipamOf(plugin: unknown): Record<string, unknown> | undefined {
  return isObject(plugin) && isObject(plugin.ipam) ? plugin.ipam : undefined;
}

/**
 * The list with `ipam.dataDir` set to `dataDir` in every plugin whose IPAM is host-local
 * (so the demo's reservations land in its scratch directory, not /var/lib/cni/networks).
 * Other keys and their order are kept; the input is not changed.
 */
export function withHostLocalDataDir(list: ConfListJson, dataDir: string): ConfListJson {
  const plugins = (list.plugins ?? []).map((plugin) => {
    const ipam = ipamOf(plugin);
    if (!isObject(plugin) || ipam?.type !== 'host-local') return plugin;
    return { ...plugin, ipam: { ...ipam, dataDir } };
  });
  return { ...list, plugins };
}

/** The executables a list runs: each plugin's `type` and its IPAM `type`, sorted, once each. */
export function pluginTypes(list: ConfListJson): string[] {
  const types = new Set<string>();
  for (const plugin of list.plugins ?? []) {
    if (isObject(plugin) && typeof plugin.type === 'string') types.add(plugin.type);
    const ipamType = ipamOf(plugin)?.type;
    if (typeof ipamType === 'string') types.add(ipamType);
  }
  return [...types].sort();
}
