import { CniError, CniErrorCode, pathDirname } from '@cni-ts/spec-types';
import { inFile } from './_marshal.ts';
import { readConfigFile } from './_read-file.ts';
import { networkConfFromBytes } from './conf-list-from-bytes.ts';
import { networkPluginConfsFromFiles } from './plugin-confs-from-files.ts';
import type { NetworkConfigList } from './types.ts';

/**
 * Reads a `.conflist` file (upstream's `NetworkConfFromFile`). Unless
 * `loadOnlyInlinedPlugins` is set, the drop-ins of `<dir>/<name>/*.conf` are appended
 * after the inlined plugins. A list left with no plugin is an error.
 */
export async function networkConfFromFile(file: string): Promise<NetworkConfigList> {
  const bytes = await readConfigFile(file);
  const list = inFile(file, () => networkConfFromBytes(bytes));
  if (list.loadOnlyInlinedPlugins) return list;
  const dropIns = await networkPluginConfsFromFiles(pathDirname(file), list.name);
  const plugins = [...list.plugins, ...dropIns];
  if (plugins.length === 0) {
    throw new CniError(CniErrorCode.InvalidNetworkConfig, `${file}: no plugin configs found`);
  }
  return { ...list, plugins };
}
