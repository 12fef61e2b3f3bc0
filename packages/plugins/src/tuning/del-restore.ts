import {
  getLink,
  goErrorText,
  isNotFound,
  openRouteSocket,
  type PluginContext,
  tryOpenNetns,
} from '@cni-ts/plugin-kit';
import { readBackup, removeBackup, type SavedAttributes } from './backup.ts';
import type { TuningCniArg, TuningConfig } from './config.ts';
import { restoreAttributes } from './link-attributes.ts';

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
 * The work of a tuning DEL that finds a backup `file`: the saved attributes restored and the
 * file removed (see del.ts). Loaded only then.
 */
export function restoreFromBackup(
  ctx: PluginContext<TuningConfig, TuningCniArg>,
  file: string,
): void {
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
