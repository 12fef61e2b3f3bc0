// How the executables a benchmark compares are cached. A file just written sits in the page
// cache in large folios, and an executable started from it faults in fewer, larger pieces:
// our 110 MB multicall binary started about 1.2 ms faster per exec (VERSION 3.9 against
// 5.5 ms, peak RSS 27.8 against 22.4 MiB) than the same bytes read back from disk by the
// page faults of its runs, which is how a host runs it after a reboot, and how the Go
// plugins in /usr/lib/cni were cached. A benchmark drops both sides from the page cache
// before its warm-up, so that both are read back the same way.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Drops each file's pages from the page cache (GNU dd's `iflag=nocache count=0`, which is
 * posix_fadvise(POSIX_FADV_DONTNEED) over the whole file; clean pages only, nothing is
 * written). Returns the files it could not drop.
 */
export function dropFromPageCache(files: readonly string[]): string[] {
  const failed: string[] = [];
  for (const file of files) {
    const dd = Bun.spawnSync(['dd', `if=${file}`, 'iflag=nocache', 'count=0', 'status=none'], {
      stdout: 'ignore',
      stderr: 'ignore',
    });
    if (dd.exitCode !== 0) failed.push(file);
  }
  return failed;
}

/** The regular files of a plugin directory (links resolve to their target's file). */
export function executablesIn(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) files.push(join(dir, entry.name));
  }
  return files;
}
