import { isFsError, type PluginContext, statFile } from '@cni-ts/plugin-kit';
import { backupFile } from './backup-file.ts';
import type { TuningCniArg, TuningConfig } from './config.ts';
import { dataDirOf } from './settings.ts';

/** True when nothing is at `file` (ENOENT); any other answer is for the restore to read. */
function missing(file: string): boolean {
  try {
    statFile(file);
    return false;
  } catch (error) {
    return isFsError(error) && error.code === 'ENOENT';
  }
}

/**
 * tuning DEL: puts back the link attributes saved at ADD (MTU, MAC, promisc, allmulti,
 * txQLen, in upstream's order) from upstream's backup file and removes the file. It always
 * succeeds, as upstream's does. Unlike upstream, the backup is removed too when there is
 * nothing left to restore (the namespace or the interface is gone, the file is corrupt)
 * instead of staying in the data directory forever; it stays only when a restore failed.
 * Sysctls are not restored (upstream does not either: they go with the namespace). Without
 * a backup (a bare tuning, or a second DEL) nothing more is loaded (del-restore.ts).
 */
export async function delTuning(ctx: PluginContext<TuningConfig, TuningCniArg>): Promise<void> {
  const file = backupFile(dataDirOf(ctx.config), ctx.containerId, ctx.ifName);
  if (missing(file)) return;
  (await import('./del-restore.ts')).restoreFromBackup(ctx, file);
}
