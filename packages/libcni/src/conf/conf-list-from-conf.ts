import { decodeObject, goMarshal } from './_marshal.ts';
import { networkConfFromBytes } from './conf-list-from-bytes.ts';
import type { NetworkConfigList, PluginConfig } from './types.ts';

/**
 * Turns a single-plugin config into a one-plugin list, as upstream's `ConfListFromConf`:
 * `{"cniVersion", "name", "plugins": [the config]}`. The list flags of the single config
 * (such as `disableCheck`) are not carried over, as upstream.
 */
export function confListFromConf(conf: PluginConfig): NetworkConfigList {
  const raw = decodeObject(conf.bytes, 'network config');
  return networkConfFromBytes(
    goMarshal({
      cniVersion: conf.network.cniVersion ?? '',
      name: conf.network.name ?? '',
      plugins: [raw],
    }),
  );
}
