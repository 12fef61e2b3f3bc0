// stat(2), statfs(2) and realpath(3) for the plugin paths, without node:fs (see fs-sync.ts).
import { onPath } from './fs-error.ts';
import { access, realpath, statfsType, statx } from './libc.ts';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** What the plugins use of a stat (symbolic links followed). */
export interface FileStat {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  /** File type and permission bits (st_mode). */
  readonly mode: number;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

/** stat of `path`, following symbolic links; FsError (syscall 'stat') when it fails. */
export function statFile(path: string): FileStat {
  const fields = onPath('stat', path, () => statx(path));
  const type = fields.mode & S_IFMT;
  return { ...fields, isFile: type === S_IFREG, isDirectory: type === S_IFDIR };
}

/** Like statFile, but undefined when nothing is there (ENOENT or ENOTDIR). */
export function statPath(path: string): FileStat | undefined {
  try {
    return statFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** True when `path` can be stat'ed, as existsSync(path). */
export function pathExists(path: string): boolean {
  try {
    statFile(path);
    return true;
  } catch {
    return false;
  }
}

/** The file system's magic number (statfs f_type) of the one holding `path`. */
export function fileSystemType(path: string): number {
  return onPath('statfs', path, () => statfsType(path));
}

/** The canonical absolute path, as realpathSync(path). */
export function realPath(path: string): string {
  return onPath('realpath', path, () => realpath(path));
}

/** access(2) bits, as node:fs's constants. */
export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

/** Throws an FsError (syscall 'access') unless the caller may use `path` as `mode` asks, as accessSync. */
export function checkAccess(path: string, mode: number): void {
  onPath('access', path, () => access(path, mode));
}
