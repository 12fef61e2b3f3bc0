import type { InvokeInput, InvokeOutput } from '@cni-ts/plugin-kit';
import { bridge } from './bridge/index.ts';
import { ipamPlugins } from './ipam-plugins.ts';
import { loopback } from './loopback/index.ts';
import { ptp } from './ptp/index.ts';

/** What the multicall binary needs of a plugin (any `definePlugin` result has it). */
export interface MulticallPlugin {
  readonly name: string;
  invoke(input: InvokeInput): Promise<InvokeOutput>;
  main(): Promise<never>;
}

/** Every plugin in the multicall executable, by the name it is installed under. */
export const plugins: Readonly<Record<string, MulticallPlugin>> = {
  ...ipamPlugins,
  bridge,
  loopback,
  ptp,
};

/** The names the executable answers to, sorted (one link each in the plugin directory). */
export const pluginNames: readonly string[] = Object.keys(plugins).sort();

/** The plugin installed under `name`, or undefined. */
export function pluginNamed(name: string): MulticallPlugin | undefined {
  return Object.hasOwn(plugins, name) ? plugins[name] : undefined;
}
