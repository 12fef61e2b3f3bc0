import { isNoConfigsFound, NotFoundError } from '../errors/not-found-error.ts';
import { confFiles } from './conf-files.ts';
import { confListFromConf } from './conf-list-from-conf.ts';
import { networkConfFromFile } from './conf-list-from-file.ts';
import { loadConf } from './load-conf.ts';
import type { NetworkConfigList } from './types.ts';

/**
 * Finds the network `name` in the config directory `dir` as upstream's `LoadNetworkConf`
 * (`LoadConfList`) does: every `*.conflist` first, in name order, the first whose name
 * matches wins; otherwise the `.conf`/`.json` files, and a matching single config is
 * turned into a one-plugin list. An invalid file met on the way aborts the search with
 * its error (naming the file). Throws {@link NotFoundError} or
 * {@link NoConfigsFoundError} when nothing matches.
 */
export async function loadNetworkConf(dir: string, name: string): Promise<NetworkConfigList> {
  const lists = await confFiles(dir, ['.conflist']);
  for (const file of lists) {
    const list = await networkConfFromFile(file);
    if (list.name === name) return list;
  }
  try {
    return confListFromConf(await loadConf(dir, name));
  } catch (error) {
    if (isNoConfigsFound(error) && lists.length > 0) throw new NotFoundError(dir, name);
    throw error;
  }
}
