import { pathJoin } from '@cni-ts/spec-types';

/** The backup file of one attachment (joined and cleaned as Go's path.Join). */
export function backupFile(dataDir: string, containerId: string, ifName: string): string {
  return pathJoin(dataDir, `${containerId}_${ifName}.json`);
}
