import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  confListFromConf,
  type NetworkConfigList,
  networkConfFromFile,
  networkPluginConfFromBytes,
} from '@cni-ts/libcni';
import { CniError, CniErrorCode, isCniError } from '@cni-ts/spec-types';

/** The extensions runtimes read from a configuration directory. */
export const CONFIG_EXTENSIONS: readonly string[] = ['.conf', '.conflist', '.json'];

async function readSingleConf(file: string): Promise<NetworkConfigList> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new CniError(CniErrorCode.IoFailure, `error reading ${file}: ${text}`, { cause: error });
  }
  try {
    return confListFromConf(networkPluginConfFromBytes(bytes));
  } catch (error) {
    if (!isCniError(error)) throw error;
    throw new CniError(error.code, `${file}: ${error.msg}`, {
      ...(error.details ? { details: error.details } : {}),
      cause: error,
    });
  }
}

/**
 * Loads one configuration file the way runtimes do: a `.conflist` as a list (with its
 * `<dir>/<name>/*.conf` drop-ins), any other file as a single-plugin config turned into a
 * one-plugin list. Errors are CniErrors that name the file and, for bad content, the key.
 */
export async function loadNetworkFile(file: string): Promise<NetworkConfigList> {
  if (extname(file) === '.conflist') return networkConfFromFile(file);
  return readSingleConf(file);
}
