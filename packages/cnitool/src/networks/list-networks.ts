import { confFiles, type NetworkConfigList } from '@cni-ts/libcni';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { CONFIG_EXTENSIONS, loadNetworkFile } from './load-network-file.ts';

/** One configuration file of a directory: the network it defines, or why it is unusable. */
export interface NetworkEntry {
  /** The full path of the file. */
  readonly file: string;
  /** The parsed list, when the file is valid. */
  readonly list?: NetworkConfigList;
  /** The error message, when it is not. */
  readonly error?: string;
}

/**
 * Every `.conf`, `.conflist` and `.json` file of `confDir`, in the order runtimes read them
 * (by file name), each loaded or with its error. A missing directory gives no entries.
 */
export async function listNetworks(confDir: string): Promise<NetworkEntry[]> {
  const files = await confFiles(confDir, CONFIG_EXTENSIONS);
  const entries: NetworkEntry[] = [];
  for (const file of files) {
    try {
      entries.push({ file, list: await loadNetworkFile(file) });
    } catch (error) {
      entries.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return entries;
}

/** The network a runtime would pick by default: the first valid file's, in name order. */
export function defaultNetwork(entries: readonly NetworkEntry[]): NetworkEntry | undefined {
  return entries.find((entry) => entry.list !== undefined && entry.list.plugins.length > 0);
}

/**
 * Loads the default network of `confDir` (see {@link defaultNetwork}); throws a code-7
 * CniError naming the directory (and the first problem, if any) when there is none.
 */
export async function loadDefaultNetwork(confDir: string): Promise<NetworkConfigList> {
  const entries = await listNetworks(confDir);
  const found = defaultNetwork(entries)?.list;
  if (found) return found;
  const first = entries[0];
  throw new CniError(
    CniErrorCode.InvalidNetworkConfig,
    `no valid network configuration in ${confDir}`,
    first?.error ? { details: first.error } : {},
  );
}
