import {
  getLink,
  goErrorText,
  isNotFound,
  type Netns,
  openNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { backupFile, readBackup, removeBackup, type SavedAttributes } from './backup.ts';
import type { TuningCniArg, TuningConfig } from './config.ts';
import { restoreAttributes } from './link-attributes.ts';
import { dataDirOf } from './settings.ts';

function tryOpenNetns(path: string): Netns | undefined {
  if (path === '') return undefined;
  try {
    return openNetns(path);
  } catch {
    return undefined;
  }
}

/**
 * Restores the saved attributes in the namespace; returns what failed ([] also when the
 * namespace or the interface is gone: nothing is left to restore).
 */
function restore(netnsPath: string, ifName: string, saved: SavedAttributes): string[] {
  using netns = tryOpenNetns(netnsPath);
  if (netns === undefined) return [];
  using sock = openRouteSocket({ netns });
  let index: number;
  try {
    index = getLink(sock, { name: ifName }).index;
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return restoreAttributes(sock, index, saved);
}

/**
 * tuning DEL: puts back the link attributes saved at ADD (MTU, MAC, promisc, allmulti,
 * txQLen, in upstream's order) from upstream's backup file and removes the file. It always
 * succeeds, as upstream's does. Unlike upstream, the backup is removed too when there is
 * nothing left to restore (the namespace or the interface is gone, the file is corrupt)
 * instead of staying in the data directory forever; it stays only when a restore failed.
 * Sysctls are not restored (upstream does not either: they go with the namespace).
 */
export function delTuning(ctx: PluginContext<TuningConfig, TuningCniArg>): void {
  const file = backupFile(dataDirOf(ctx.config), ctx.containerId, ctx.ifName);
  const backup = readBackup(file);
  if (backup.kind === 'missing') return;
  if (backup.kind === 'unreadable') {
    ctx.log.warn(`removing unreadable backup ${file}: ${backup.reason}`);
    removeBackup(file);
    return;
  }
  let failures: string[];
  try {
    failures = restore(ctx.netns, ctx.ifName, backup.saved);
  } catch (error) {
    failures = [goErrorText(error)];
  }
  if (failures.length > 0) {
    ctx.log.warn(`keeping ${file}: ${failures.join('; ')}`);
    return;
  }
  removeBackup(file);
}
