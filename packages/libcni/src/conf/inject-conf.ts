import { decodeObject, goMarshal } from './_marshal.ts';
import { networkPluginConfFromBytes } from './plugin-conf-from-bytes.ts';
import type { PluginConfig } from './types.ts';

/**
 * Sets top-level keys in a plugin's config, as upstream's `InjectConf`: the JSON is
 * decoded, the keys set (replacing what was there), and the whole re-encoded as Go does
 * (keys sorted, compact) and parsed again, so `type` stays required. An empty key or an
 * undefined/null value is an error.
 */
export function injectConf(
  conf: PluginConfig,
  values: Readonly<Record<string, unknown>>,
): PluginConfig {
  const raw = decodeObject(conf.bytes, 'network config');
  for (const [key, value] of Object.entries(values)) {
    if (key === '') throw new Error('keys cannot be empty');
    if (value === undefined || value === null) {
      throw new Error(`key '${key}' value must not be nil`);
    }
    Object.defineProperty(raw, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return networkPluginConfFromBytes(goMarshal(raw));
}
