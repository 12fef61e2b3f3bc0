import {
  attachmentStateFile,
  networkStateDir,
  RUN_CNI_DIR,
  readTextFile,
  removeStateFile,
  stateEntries,
  writeStateFile,
} from '@cni-ts/plugin-kit';
import { pathBasename, pathJoin } from '@cni-ts/spec-types';
import * as v from 'valibot';

// Ours: which network each nftables attachment belongs to. Upstream's nftables rules carry
// only the container id, and the table is shared by every network on the host, so GC of
// one network could not tell its stale rules from another network's. ADD records a marker
// `<dataDir>/<network>/<containerId>_<ifName>` (JSON {containerID, ifname}), DEL removes
// it, GC reads the markers of its network (and, to spare a container also attached to
// another network, the ids of all others). Kept under /run by default: the markers live
// exactly as long as the kernel rules they describe (both are gone after a reboot).

/** Where the markers are kept when the config names no `dataDir`. */
export const DEFAULT_DATA_DIR = '/run/cni/portmap';

/** One attachment ADD made nftables rules for. */
export interface AttachmentMarker {
  readonly containerId: string;
  readonly ifName: string;
  /** The marker's file. */
  readonly file: string;
}

const MarkerSchema = v.object({ containerID: v.string(), ifname: v.string() });

/** The directory of the markers: the config's `dataDir`, or {@link DEFAULT_DATA_DIR}. */
export function markerDataDir(config: { readonly dataDir?: string | undefined }): string {
  const dir = config.dataDir ?? '';
  return dir === '' ? DEFAULT_DATA_DIR : dir;
}

/** The marker file of one attachment. */
export function markerFile(
  dataDir: string,
  network: string,
  containerId: string,
  ifName: string,
): string {
  return attachmentStateFile(dataDir, network, containerId, ifName, 'portmap');
}

/**
 * Records the attachment: a temporary file (a dot name, never listed) renamed into place,
 * so a marker is either whole or absent, also when the process is killed.
 */
export function recordAttachment(
  dataDir: string,
  network: string,
  containerId: string,
  ifName: string,
): void {
  const file = markerFile(dataDir, network, containerId, ifName);
  writeStateFile(file, JSON.stringify({ containerID: containerId, ifname: ifName }));
}

/** Removes a marker; a missing one (or a missing directory) is fine. */
export function forgetMarker(file: string): void {
  removeStateFile(file, { upTo: RUN_CNI_DIR });
}

/** The marker in `file`, or undefined when it cannot be read (then it is left alone). */
function readMarker(file: string): AttachmentMarker | undefined {
  try {
    const parsed = v.safeParse(MarkerSchema, JSON.parse(readTextFile(file)));
    if (!parsed.success) return undefined;
    return { containerId: parsed.output.containerID, ifName: parsed.output.ifname, file };
  } catch {
    return undefined;
  }
}

/** The markers of a network; none when its directory (or the data dir) does not exist. */
export function networkMarkers(dataDir: string, network: string): AttachmentMarker[] {
  const dir = networkStateDir(dataDir, network, 'portmap');
  return stateEntries(dir).flatMap((name) => readMarker(pathJoin(dir, name)) ?? []);
}

/**
 * The ids a marker file may name: its content's, or, when it cannot be read, every prefix
 * of the name before an underscore (the id may hold underscores too), so as to err on the
 * side of keeping rules.
 */
function idsOf(file: string): string[] {
  const marker = readMarker(file);
  if (marker !== undefined) return [marker.containerId];
  const name = pathBasename(file);
  return [...name.matchAll(/_/g)].map((match) => name.slice(0, match.index));
}

/** The container ids recorded by every network other than `network`. */
export function otherNetworksContainers(dataDir: string, network: string): Set<string> {
  const ids = new Set<string>();
  for (const other of stateEntries(dataDir)) {
    if (other === network) continue;
    const dir = pathJoin(dataDir, other);
    for (const name of stateEntries(dir)) {
      for (const id of idsOf(pathJoin(dir, name))) ids.add(id);
    }
  }
  return ids;
}
