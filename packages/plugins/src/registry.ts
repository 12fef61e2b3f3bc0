import { bandwidth } from './bandwidth/index.ts';
import { bridge } from './bridge/index.ts';
import { dummy } from './dummy/index.ts';
import { firewall } from './firewall/index.ts';
import { hostDevice } from './host-device/index.ts';
import { ipamPlugins } from './ipam-plugins.ts';
import { ipvlan } from './ipvlan/index.ts';
import { loopback } from './loopback/index.ts';
import { macvlan } from './macvlan/index.ts';
import { type MulticallPlugin, pluginLoaders } from './plugin-loaders.ts';
import { portmap } from './portmap/index.ts';
import { ptp } from './ptp/index.ts';
import { sbr } from './sbr/index.ts';
import { tap } from './tap/index.ts';
import { tuning } from './tuning/index.ts';
import { vlan } from './vlan/index.ts';
import { vrf } from './vrf/index.ts';

export type { MulticallPlugin } from './plugin-loaders.ts';

/**
 * Every plugin in the multicall executable, by the name it is installed under. The
 * executable itself starts from {@link pluginLoaders} instead, which import one plugin each.
 */
export const plugins: Readonly<Record<string, MulticallPlugin>> = {
  ...ipamPlugins,
  bandwidth,
  bridge,
  dummy,
  firewall,
  'host-device': hostDevice,
  ipvlan,
  loopback,
  macvlan,
  portmap,
  ptp,
  sbr,
  tap,
  tuning,
  vlan,
  vrf,
};

/** The names the executable answers to, sorted (one link each in the plugin directory). */
export const pluginNames: readonly string[] = Object.keys(pluginLoaders).sort();

/** The plugin installed under `name`, or undefined. */
export function pluginNamed(name: string): MulticallPlugin | undefined {
  return Object.hasOwn(plugins, name) ? plugins[name] : undefined;
}
