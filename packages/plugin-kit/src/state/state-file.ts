import { pathBasename, pathDirname, pathJoin, pathNormalize } from '@cni-ts/spec-types';
import { mkdirp, removeDir, removeFileForce, renameFile, writeFile } from '../sys/fs-sync.ts';
import { isSyscallError } from '../sys/syscall-error.ts';

// A plugin's small per-attachment state files (`<dataDir>/<network>/<attachment>`): written
// whole or not at all, and removed with their directory once it is empty, so that a
// network whose attachments are all gone leaves nothing behind. A concurrent DEL may remove
// the directory between another ADD's mkdir and its write; the writer then makes it again.

/** Attempts of a write whose directory a concurrent removal took away. */
const WRITE_ATTEMPTS = 3;

/**
 * Writes `text` to `file` (mode 0600, its directory made with mode 0700): a temporary dot
 * file renamed into place, so that a reader, or a crash, never sees half of it.
 */
export function writeStateFile(file: string, text: string): void {
  const dir = pathDirname(file);
  const temp = pathJoin(dir, `.${pathBasename(file)}.${process.pid}.tmp`);
  for (let attempt = 1; ; attempt++) {
    try {
      mkdirp(dir, 0o700);
      writeFile(temp, text, { mode: 0o600 });
      renameFile(temp, file);
      return;
    } catch (error) {
      removeFileForce(temp);
      if (!isSyscallError(error) || error.code !== 'ENOENT' || attempt >= WRITE_ATTEMPTS) {
        throw error;
      }
    }
  }
}

/** Where removeStateFile may go on removing emptied directories. */
export interface RemoveStateFileOptions {
  /**
   * For a file below this directory, each ancestor emptied by the removal goes too, up to
   * and including this one (e.g. `/run/cni`: the plugin's own directory under it and the
   * directory itself, when nothing else is left there). Default: only the file's directory.
   */
  readonly upTo?: string;
}

/**
 * Removes `file` (a missing one is fine), then its directory if that is now empty, and
 * with `upTo` the emptied ancestors up to it. A directory not empty (another attachment's
 * file, another plugin's directory), already gone or busy ends the climb.
 */
export function removeStateFile(file: string, options: RemoveStateFileOptions = {}): void {
  removeFileForce(file);
  const top = options.upTo === undefined ? undefined : pathNormalize(options.upTo);
  let dir = pathDirname(file);
  for (;;) {
    try {
      removeDir(dir);
    } catch {
      return;
    }
    if (top === undefined || dir === top || !dir.startsWith(`${top}/`)) return;
    dir = pathDirname(dir);
  }
}

/** The runtime directory under which the plugins keep state that a reboot may clear. */
export const RUN_CNI_DIR = '/run/cni';
