import { pathJoin } from '@cni-ts/spec-types';
import { inFile } from './_marshal.ts';
import { readConfigFile } from './_read-file.ts';
import { confFiles } from './conf-files.ts';
import { networkPluginConfFromBytes } from './plugin-conf-from-bytes.ts';
import type { PluginConfig } from './types.ts';

/**
 * The drop-in plugins of a network: every `<confDir>/<network>/*.conf`, sorted by name
 * (upstream's `NetworkPluginConfsFromFiles`). A missing folder gives none; any invalid
 * file fails the whole load, naming the file.
 */
export async function networkPluginConfsFromFiles(
  confDir: string,
  network: string,
): Promise<PluginConfig[]> {
  const files = await confFiles(pathJoin(confDir, network), ['.conf']);
  const plugins: PluginConfig[] = [];
  for (const file of files) {
    const bytes = await readConfigFile(file);
    plugins.push(inFile(file, () => networkPluginConfFromBytes(bytes)));
  }
  return plugins;
}
