import { readdir } from 'node:fs/promises';
import { pathJoin } from '@cni-ts/spec-types';
import { errorCode } from '../go/_errno.ts';
import { compareGoStrings } from '../go/_map-order.ts';

/** Go's filepath.Ext: from the last dot of the name (a leading dot counts). */
function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

/**
 * The files of `dir` (not recursive, directories skipped) whose extension is exactly one
 * of `extensions`, as full paths sorted by name: upstream's `ConfFiles`. A missing
 * directory gives an empty list.
 */
export async function confFiles(dir: string, extensions: readonly string[]): Promise<string[]> {
  let entries: { name: string; isDirectory(): boolean }[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => !entry.isDirectory() && extensions.includes(extension(entry.name)))
    .map((entry) => entry.name)
    .sort(compareGoStrings)
    .map((name) => pathJoin(dir, name));
}
