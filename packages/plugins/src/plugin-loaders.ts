import type { InvokeInput, InvokeOutput } from '@cni-ts/plugin-kit';
import type { PluginName } from './plugin-versions.ts';

// What the multicall executable starts from: one loader per plugin, each importing only
// that plugin's module, so that running one plugin never evaluates another's code.

/** What the multicall binary needs of a plugin (any `definePlugin` result has it). */
export interface MulticallPlugin {
  readonly name: string;
  invoke(input: InvokeInput): Promise<InvokeOutput>;
  main(): Promise<never>;
}

/** Loads one plugin's module and returns the plugin. */
export type PluginLoader = () => Promise<MulticallPlugin>;

/**
 * Every plugin of the executable by the name it is installed under, as a loader; the names
 * are those of the versions table (the compiler holds the two to the same keys).
 */
export const pluginLoaders: Readonly<Record<PluginName, PluginLoader>> = {
  bandwidth: async () => (await import('./bandwidth/index.ts')).bandwidth,
  bridge: async () => (await import('./bridge/index.ts')).bridge,
  dummy: async () => (await import('./dummy/index.ts')).dummy,
  firewall: async () => (await import('./firewall/index.ts')).firewall,
  'host-device': async () => (await import('./host-device/index.ts')).hostDevice,
  'host-local': async () => (await import('./host-local/index.ts')).hostLocal,
  ipvlan: async () => (await import('./ipvlan/index.ts')).ipvlan,
  loopback: async () => (await import('./loopback/index.ts')).loopback,
  macvlan: async () => (await import('./macvlan/index.ts')).macvlan,
  portmap: async () => (await import('./portmap/index.ts')).portmap,
  ptp: async () => (await import('./ptp/index.ts')).ptp,
  sbr: async () => (await import('./sbr/index.ts')).sbr,
  static: async () => (await import('./static/index.ts')).staticIpam,
  tap: async () => (await import('./tap/index.ts')).tap,
  tuning: async () => (await import('./tuning/index.ts')).tuning,
  vlan: async () => (await import('./vlan/index.ts')).vlan,
  vrf: async () => (await import('./vrf/index.ts')).vrf,
};

/** The loader of the plugin installed under `name`, or undefined. */
export function pluginLoader(name: string): PluginLoader | undefined {
  return Object.hasOwn(pluginLoaders, name) ? pluginLoaders[name as PluginName] : undefined;
}
