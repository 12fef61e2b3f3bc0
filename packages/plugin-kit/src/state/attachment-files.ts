import { CniError, CniErrorCode, pathJoin } from '@cni-ts/spec-types';
import { readdir } from '../sys/fs-sync.ts';

// Per-attachment state kept by chained plugins (the firewall's addresses, portmap's
// markers): one file per attachment, `<dataDir>/<network>/<containerId>_<ifName>`, written
// whole with writeStateFile (a dot-named temporary renamed into place), so a listing skips
// dot names.

/** A name used as one path component (skel validated it already; this keeps the store safe). */
function component(name: string, owner: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new CniError(CniErrorCode.Internal, `${owner}: ${JSON.stringify(name)} is no file name`);
  }
  return name;
}

/** The directory of a network's state files; `owner` (the plugin) names it in the error for a bad name. */
export function networkStateDir(dataDir: string, network: string, owner: string): string {
  return pathJoin(dataDir, component(network, owner));
}

/** The state file of one attachment (names checked as for {@link networkStateDir}). */
export function attachmentStateFile(
  dataDir: string,
  network: string,
  containerId: string,
  ifName: string,
  owner: string,
): string {
  const name = `${component(containerId, owner)}_${component(ifName, owner)}`;
  return pathJoin(networkStateDir(dataDir, network, owner), name);
}

/** The entries of a state directory that are not dot names; none when it does not exist. */
export function stateEntries(dir: string): string[] {
  try {
    return readdir(dir).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}
