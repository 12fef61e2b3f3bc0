import { pathJoin } from '@cni-ts/spec-types';
import { PluginLookupError } from '../errors/plugin-lookup-error.ts';

/** Whether `path` is a regular file (symbolic links followed); a failure counts as no. */
export type RegularFileTest = (path: string) => boolean | Promise<boolean>;

/**
 * stat(2) through node:fs, imported when used: a plugin that only imports libcni does not
 * pay for node:fs (issue 22).
 */
async function isRegularFile(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return (await stat(path)).isFile();
}

/**
 * Finds the plugin binary `plugin` in `paths`, as upstream's FindInPath: the first
 * directory holding a regular file of that name wins (the execute bit is not checked:
 * running a non-executable file fails later, with its own error). Throws a
 * {@link PluginLookupError} with upstream's texts. `isFile` replaces the stat (plugin-kit
 * passes one over libc).
 */
export async function findInPath(
  plugin: string,
  paths: readonly string[],
  isFile: RegularFileTest = isRegularFile,
): Promise<string> {
  if (plugin === '') throw new PluginLookupError('no-name', plugin, paths);
  if (plugin.includes('/')) throw new PluginLookupError('invalid-name', plugin, paths);
  if (paths.length === 0) throw new PluginLookupError('no-paths', plugin, paths);
  for (const dir of paths) {
    const full = pathJoin(dir, plugin);
    try {
      if (await isFile(full)) return full;
    } catch {
      // Not there: try the next directory.
    }
  }
  throw new PluginLookupError('not-found', plugin, paths);
}

/** Splits a CNI_PATH value as Go's filepath.SplitList: "" is no directory at all. */
export function splitPath(value: string | undefined): string[] {
  return value ? value.split(':') : [];
}
