import { PluginConfSchema, parseNetConf } from '@cni-ts/spec-types';
import { toBytes } from './_marshal.ts';
import type { PluginConfig } from './types.ts';

/**
 * Parses one plugin's configuration (a `.conf` file, or a plugin object): upstream's
 * `NetworkPluginConfFromBytes`. `type` is required; `name` and `cniVersion` are optional
 * here. The bytes are kept as given. Throws a CniError: code 6 for bad JSON, 7 for an
 * invalid config, with the key path.
 */
export function networkPluginConfFromBytes(input: string | Uint8Array): PluginConfig {
  const bytes = toBytes(input);
  return { network: parseNetConf(bytes, PluginConfSchema), bytes };
}
