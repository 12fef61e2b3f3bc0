import {
  attachmentStateFile,
  networkStateDir,
  RUN_CNI_DIR,
  readTextFile,
  removeStateFile,
  stateEntries,
  writeStateFile,
} from '@cni-ts/plugin-kit';
import { pathJoin } from '@cni-ts/spec-types';

// Ours: the addresses each attachment was given rules for, one file per attachment
// (`<dataDir>/<network>/<containerId>_<ifName>`, a JSON array), so that GC can find the
// rules of attachments that are gone (the rules themselves name no owner) and DEL can
// remove them when it gets no prevResult.

export function attachmentFile(
  dataDir: string,
  network: string,
  containerId: string,
  ifName: string,
): string {
  return attachmentStateFile(dataDir, network, containerId, ifName, 'firewall');
}

export function saveAttachment(file: string, addresses: readonly string[]): void {
  writeStateFile(file, JSON.stringify(addresses));
}

/** The addresses kept for an attachment; none when there is no (readable) file. */
export function loadAttachment(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readTextFile(file));
    if (!Array.isArray(parsed)) return [];
    const addresses: string[] = [];
    for (const item of parsed) if (typeof item === 'string') addresses.push(item);
    return addresses;
  } catch {
    return [];
  }
}

export function forgetAttachment(file: string): void {
  removeStateFile(file, { upTo: RUN_CNI_DIR });
}

/** The attachment files of a network: name (`<containerId>_<ifName>`) to path. */
export function networkAttachments(dataDir: string, network: string): Map<string, string> {
  const dir = networkStateDir(dataDir, network, 'firewall');
  return new Map(stateEntries(dir).map((name) => [name, pathJoin(dir, name)]));
}
