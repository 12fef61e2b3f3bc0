import { NoConfigsFoundError, NotFoundError } from '../errors/not-found-error.ts';
import { inFile } from './_marshal.ts';
import { readConfigFile } from './_read-file.ts';
import { confFiles } from './conf-files.ts';
import { networkPluginConfFromBytes } from './plugin-conf-from-bytes.ts';
import type { PluginConfig } from './types.ts';

/**
 * Finds the single-plugin config (`.conf` or `.json`) named `name` in `dir`: upstream's
 * `LoadConf`. Files are read in name order and the first match wins; an invalid file met
 * before the match aborts the search. Throws {@link NoConfigsFoundError} when there is no
 * such file at all and {@link NotFoundError} when none has that name.
 */
export async function loadConf(dir: string, name: string): Promise<PluginConfig> {
  const files = await confFiles(dir, ['.conf', '.json']);
  if (files.length === 0) throw new NoConfigsFoundError(dir);
  for (const file of files) {
    const bytes = await readConfigFile(file);
    const conf = inFile(file, () => networkPluginConfFromBytes(bytes));
    if (conf.network.name === name) return conf;
  }
  throw new NotFoundError(dir, name);
}
